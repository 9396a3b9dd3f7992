//! The test functions: each flow of `flows.rs` once on ink_e2e's sandbox backend and, with
//! `--features node`, once on a live node.
//!
//! They do what `#[ink_e2e::test(backend(...))]` expands to (a current-thread tokio runtime,
//! ink_e2e's log prefix, the client built from the contracts' Wasm), with two differences:
//! the contracts come from [`contracts`](crate::contracts) (ink_e2e's own build cannot
//! succeed in this workspace, see there), and the node's URL is read when the test runs
//! (`#[ink_e2e::test(backend(node))]` reads `CONTRACTS_NODE_URL` when the test crate is
//! *compiled*, and cargo does not rebuild when it changes).

use crate::clock::ClockSandboxClient;
use crate::contracts::contracts;
use crate::flows;
use crate::support::{AccountId, E2EResult, Hash};
use ink_e2e::DefaultSandbox;
use std::future::Future;

/// Runs `flow` as ink_e2e's test macro runs a test body.
fn run(test: &str, flow: impl Future<Output = E2EResult<()>>) -> E2EResult<()> {
    ink_e2e::LOG_PREFIX.with(|prefix| *prefix.borrow_mut() = format!("test: {test}"));
    ink_e2e::INIT.call_once(ink_e2e::tracing_subscriber::fmt::init);
    ink_e2e::tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?
        .block_on(flow)
}

/// ink_e2e's sandbox client on `DefaultSandbox`, with the suite's contracts.
type SandboxClient = ink_e2e::SandboxClient<AccountId, Hash, DefaultSandbox>;

#[test]
fn sale_with_approval_on_the_sandbox() -> E2EResult<()> {
    run("sale_with_approval_on_the_sandbox", async {
        let mut client = SandboxClient::new(contracts()?);
        flows::sale_with_approval(&mut client).await
    })
}

#[test]
fn invite_only_offering_on_the_sandbox() -> E2EResult<()> {
    run("invite_only_offering_on_the_sandbox", async {
        let mut client = SandboxClient::new(contracts()?);
        flows::invite_only_offering(&mut client).await
    })
}

#[test]
fn liquidation_and_claims_on_the_sandbox() -> E2EResult<()> {
    run("liquidation_and_claims_on_the_sandbox", async {
        let mut client = SandboxClient::new(contracts()?);
        flows::liquidation_and_claims(&mut client).await
    })
}

/// `DefaultSandbox`'s clock cannot move through ink_e2e's client: this flow runs on
/// [`ClockSandbox`](crate::clock::ClockSandbox), the same runtime with a movable clock.
#[test]
fn dispute_to_expulsion_on_the_sandbox() -> E2EResult<()> {
    run("dispute_to_expulsion_on_the_sandbox", async {
        let mut client = ClockSandboxClient::new(contracts()?);
        flows::dispute_to_expulsion(&mut client).await
    })
}

#[cfg(feature = "node")]
mod node {
    use super::*;
    use crate::clock::NodeClient;
    use ink_e2e::{PolkadotConfig, RpcClient, TestNodeProcess};

    /// The node variants share the dev accounts: one runs at a time (two transactions of one
    /// signer in flight would race for the same nonce). Each test runs on its own thread
    /// with its own runtime; a `tokio` mutex works across them.
    static ONE_NODE_TEST_AT_A_TIME: ink_e2e::tokio::sync::Mutex<()> =
        ink_e2e::tokio::sync::Mutex::const_new(());

    /// A connection to the node: `$CONTRACTS_NODE_URL`, or a node ink_e2e spawns for the test
    /// (from `$CONTRACTS_NODE`, else `substrate-contracts-node` on the `PATH`), which lives
    /// as long as this value.
    struct Node {
        rpc: RpcClient,
        _spawned: Option<TestNodeProcess<PolkadotConfig>>,
    }

    impl Node {
        async fn connect() -> E2EResult<Node> {
            match std::env::var("CONTRACTS_NODE_URL") {
                Ok(url) => {
                    let rpc = RpcClient::from_url(&url)
                        .await
                        .map_err(|error| format!("cannot connect to the node at {url}: {error}"))?;
                    Ok(Node {
                        rpc,
                        _spawned: None,
                    })
                }
                Err(_) => {
                    let process = TestNodeProcess::<PolkadotConfig>::build_with_env_or_default()
                        .spawn()
                        .await
                        .map_err(|error| format!("cannot spawn a contracts node: {error}"))?;
                    Ok(Node {
                        rpc: process.rpc(),
                        _spawned: Some(process),
                    })
                }
            }
        }

        async fn client(&self) -> E2EResult<NodeClient> {
            Ok(NodeClient::new(self.rpc.clone(), contracts()?).await?)
        }
    }

    #[test]
    fn sale_with_approval_on_the_node() -> E2EResult<()> {
        run("sale_with_approval_on_the_node", async {
            let _turn = ONE_NODE_TEST_AT_A_TIME.lock().await;
            let node = Node::connect().await?;
            flows::sale_with_approval(&mut node.client().await?).await
        })
    }

    #[test]
    fn invite_only_offering_on_the_node() -> E2EResult<()> {
        run("invite_only_offering_on_the_node", async {
            let _turn = ONE_NODE_TEST_AT_A_TIME.lock().await;
            let node = Node::connect().await?;
            flows::invite_only_offering(&mut node.client().await?).await
        })
    }

    #[test]
    fn liquidation_and_claims_on_the_node() -> E2EResult<()> {
        run("liquidation_and_claims_on_the_node", async {
            let _turn = ONE_NODE_TEST_AT_A_TIME.lock().await;
            let node = Node::connect().await?;
            flows::liquidation_and_claims(&mut node.client().await?).await
        })
    }

    #[test]
    fn dispute_to_expulsion_on_the_node() -> E2EResult<()> {
        run("dispute_to_expulsion_on_the_node", async {
            let _turn = ONE_NODE_TEST_AT_A_TIME.lock().await;
            let node = Node::connect().await?;
            flows::dispute_to_expulsion(&mut node.client().await?).await
        })
    }
}

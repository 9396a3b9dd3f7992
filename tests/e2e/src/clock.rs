//! Moving the chain's clock, for the dispute flow's phases.
//!
//! - **Node**: time is real. `substrate-contracts-node --dev` seals a block per transaction
//!   (instant seal) stamped with the wall clock, so waiting means sleeping until the deadline
//!   and then sealing a block (a `System::remark`): the next dry runs, which execute on the
//!   best block, see the new time.
//! - **Sandbox**: ink_e2e 5.1.1's sandbox client keeps its sandbox private (there is no
//!   `set_timestamp` through the client) and never builds blocks; `DefaultSandbox` stamps its
//!   single block once, at creation (with the Unix time in *seconds*, read as milliseconds by
//!   the contracts). The clock therefore never moves. [`ClockSandbox`] is `DefaultSandbox`'s
//!   runtime with one addition: before it executes anything, it sets `pallet_timestamp`'s time
//!   to the deadline [`Clock::advance_to`] last asked for (a per-thread value: every test runs
//!   on its own thread with its own sandbox). Everything else is `DefaultSandbox`'s code
//!   (`ink_sandbox::create_sandbox!`), copied unchanged.

use crate::support::{E2EResult, Timestamp};
use ink_sandbox::macros::{BlockBuilder, DefaultSandboxRuntime, RuntimeOrigin};
use ink_sandbox::{
    frame_system, AccountIdFor, DefaultSandbox, RuntimeMetadataPrefixed, Sandbox, Snapshot,
    TestExternalities,
};
use std::cell::Cell;
use std::future::Future;

/// A backend whose clock a flow can move forward.
pub trait Clock {
    /// Moves the chain's time to `when` (ms) or a little later, so that the next calls and
    /// queries execute at or after `when`. Never moves the clock back.
    fn advance_to(&mut self, when: Timestamp) -> impl Future<Output = E2EResult<()>>;
}

thread_local! {
    /// The time the current thread's [`ClockSandbox`] must show from its next execution on.
    static NEXT_TIME: Cell<Option<Timestamp>> = const { Cell::new(None) };
}

/// Native balance of the sandbox's default actor at genesis (as in `DefaultSandbox`).
const INITIAL_BALANCE: u128 = 1_000_000_000_000_000;

/// `DefaultSandbox` with a clock that [`Clock::advance_to`] moves (see the module docs).
pub struct ClockSandbox {
    ext: TestExternalities,
}

impl Default for ClockSandbox {
    fn default() -> Self {
        NEXT_TIME.with(|next| next.set(None));
        let ext = BlockBuilder::<DefaultSandboxRuntime>::new_ext(vec![(
            <DefaultSandbox as Sandbox>::default_actor(),
            INITIAL_BALANCE,
        )]);
        Self { ext }
    }
}

impl ClockSandbox {
    /// Applies the time asked for by [`Clock::advance_to`], if it is later than the chain's.
    fn apply_clock(&mut self) {
        if let Some(when) = NEXT_TIME.with(Cell::take) {
            self.ext.execute_with(|| {
                if when > ink_sandbox::pallet_timestamp::Pallet::<DefaultSandboxRuntime>::get() {
                    ink_sandbox::pallet_timestamp::Pallet::<DefaultSandboxRuntime>::set_timestamp(
                        when,
                    );
                }
            });
        }
    }
}

impl Sandbox for ClockSandbox {
    type Runtime = DefaultSandboxRuntime;

    fn execute_with<T>(&mut self, execute: impl FnOnce() -> T) -> T {
        self.apply_clock();
        self.ext.execute_with(execute)
    }

    fn dry_run<T>(&mut self, action: impl FnOnce(&mut Self) -> T) -> T {
        // The clock moves for good, not only inside this dry run.
        self.apply_clock();
        let backend_backup = self.ext.as_backend();
        let result = action(self);
        self.ext
            .commit_all()
            .unwrap_or_else(|error| panic!("the sandbox failed to commit: {error}"));
        self.ext.backend = backend_backup;
        result
    }

    fn register_extension<E: ::core::any::Any + ink_sandbox::Extension>(&mut self, ext: E) {
        self.ext.register_extension(ext);
    }

    fn initialize_block(
        height: frame_system::pallet_prelude::BlockNumberFor<Self::Runtime>,
        parent_hash: <Self::Runtime as frame_system::Config>::Hash,
    ) {
        BlockBuilder::<Self::Runtime>::initialize_block(height, parent_hash)
    }

    fn finalize_block(
        height: frame_system::pallet_prelude::BlockNumberFor<Self::Runtime>,
    ) -> <Self::Runtime as frame_system::Config>::Hash {
        BlockBuilder::<Self::Runtime>::finalize_block(height)
    }

    fn default_actor() -> AccountIdFor<Self::Runtime> {
        <DefaultSandbox as Sandbox>::default_actor()
    }

    fn get_metadata() -> RuntimeMetadataPrefixed {
        <DefaultSandbox as Sandbox>::get_metadata()
    }

    fn convert_account_to_origin(account: AccountIdFor<Self::Runtime>) -> RuntimeOrigin {
        <DefaultSandbox as Sandbox>::convert_account_to_origin(account)
    }

    fn take_snapshot(&mut self) -> Snapshot {
        let mut backend = self.ext.as_backend().clone();
        let raw_key_values = backend
            .backend_storage_mut()
            .drain()
            .into_iter()
            .filter(|(_, (_, references))| *references > 0)
            .collect::<Vec<(Vec<u8>, (Vec<u8>, i32))>>();
        let root = backend.root().to_owned();
        Snapshot {
            storage: raw_key_values,
            storage_root: root,
        }
    }

    fn restore_snapshot(&mut self, snapshot: Snapshot) {
        self.ext = TestExternalities::from_raw_snapshot(
            snapshot.storage,
            snapshot.storage_root,
            Default::default(),
        );
    }
}

/// ink_e2e's sandbox client on a [`ClockSandbox`].
pub type ClockSandboxClient =
    ink_e2e::SandboxClient<crate::support::AccountId, crate::support::Hash, ClockSandbox>;

impl Clock for ClockSandboxClient {
    async fn advance_to(&mut self, when: Timestamp) -> E2EResult<()> {
        NEXT_TIME.with(|next| next.set(Some(when)));
        Ok(())
    }
}

/// The current time of this machine (ms since the Unix epoch): the node's block time.
#[cfg(feature = "node")]
fn wall_clock() -> E2EResult<Timestamp> {
    let elapsed = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH)?;
    Ok(Timestamp::try_from(elapsed.as_millis())?)
}

/// Slack added to a wait on the node, so that the next block is certainly past the deadline.
#[cfg(feature = "node")]
const NODE_SLACK_MS: Timestamp = 100;

/// ink_e2e's node client.
#[cfg(feature = "node")]
pub type NodeClient = ink_e2e::Client<ink_e2e::PolkadotConfig, crate::support::Env>;

#[cfg(feature = "node")]
impl Clock for NodeClient {
    async fn advance_to(&mut self, when: Timestamp) -> E2EResult<()> {
        use ink_e2e::ChainBackend;
        let now = wall_clock()?;
        if when > now {
            let wait = when - now + NODE_SLACK_MS;
            ink_e2e::tokio::time::sleep(std::time::Duration::from_millis(wait)).await;
        }
        // Seal a block stamped after `when`: dry runs execute on the best block.
        self.runtime_call(
            &ink_e2e::alice(),
            "System",
            "remark",
            vec![ink_e2e::subxt::dynamic::Value::from_bytes(b"tick")],
        )
        .await
        .map_err(|error| format!("sealing a block: {error:?}"))?;
        Ok(())
    }
}

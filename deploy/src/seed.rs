//! `deploy seed`: the demo cast for the browser app, on a deployed suite (any [`Backend`]).
//!
//! From a complete manifest (the plan handed over), with the dev founders as members:
//!
//! 1. Bob launches $BOB through the registry (`launch_token`);
//! 2. Bob opens offering #0 of 2% of the supply; Dave subscribes for all of it (so it is sold
//!    out and closed at once: the node's clock cannot be advanced) and it is settled: Dave
//!    holds 2% of $BOB;
//! 3. Bob discloses his ACME stake and reports its sale for 10,000,000 UNIT, paying the
//!    holders' share: Dave can claim 200,000 UNIT from the splitter;
//! 4. Bob opens offering #1 of 10% at the same price, open for 14 days (a minimum raise of
//!    1%), which the app shows as an open offering: Alice, who holds no $BOB, buys 1% in it
//!    (the app's first journey).
//!
//! Every step looks at the chain first and is skipped if already done, so a second run does
//! nothing and says so ("already seeded"); a chain whose $BOB does not look like this seed's
//! (another story was told on it) is refused with the reason.

use crate::backend::Backend;
use crate::client::{contract, Client, ClientError, Message};
use crate::config::{dev, DAY, UNIT};
use crate::demo::{terms_hash, tokens, units, SUPPLY};
use crate::manifest::ss58;
use ink::scale::{Decode, Encode};
use interfaces::{AccountId, Balance, Hash, MemberRegistry, PSP22};
use payout_splitter::payout_splitter::PayoutSplitter;
use personal_token::personal_token::PersonalToken;
use personal_token::types::{AssetKind, OfferingStatus};
use registry::registry::Registry;
use std::fmt::Debug;
use std::io::Write;

/// Native price of one $BOB unit (1% of the supply costs 100,000 UNIT, as in the story).
pub const PRICE_PER_UNIT: Balance = 10_000_000;
/// What Dave buys in offering #0: 2% of the supply.
pub const DAVE_AMOUNT: Balance = SUPPLY / 50;
/// The size of the open offering #1: 10% of the supply.
pub const OPEN_AMOUNT: Balance = SUPPLY / 10;
/// The open offering's minimum raise: what 1% of the supply costs.
pub const OPEN_MIN_TOTAL: Balance = SUPPLY / 100 * PRICE_PER_UNIT;
/// How long the open offering stays open.
pub const OPEN_FOR: u64 = 14 * DAY;
/// The reported sale of the ACME stake.
pub const GROSS: Balance = 10_000_000 * UNIT;
/// The ACME stake's disclosed estimate.
pub const ESTIMATE: Balance = 8_000_000 * UNIT;

/// Why seeding stopped.
#[derive(Debug, thiserror::Error)]
pub enum SeedError {
    /// The chain failed below the contracts.
    #[error("step `{step}`: {error}")]
    Chain {
        /// The step.
        step: String,
        /// The error.
        error: ClientError,
    },
    /// A contract refused a step with its typed error.
    #[error("step `{step}`: the contract refused with {error}")]
    Contract {
        /// The step.
        step: String,
        /// The contract's error.
        error: String,
    },
    /// The chain holds another story than this seed's.
    #[error("cannot seed: {0}")]
    Refused(String),
    /// Writing the report failed.
    #[error("output: {0}")]
    Output(#[from] std::io::Error),
}

/// What the seed left on the chain: what the app and its tests read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Seeded {
    /// $BOB.
    pub token: AccountId,
    /// $BOB's payout splitter.
    pub splitter: AccountId,
    /// The offering that stays open.
    pub open_offering: u64,
    /// Dave's $BOB.
    pub dave_balance: Balance,
    /// What Dave can claim from the splitter now.
    pub dave_claimable: Balance,
    /// Extrinsics sent by this run (0: it was already seeded).
    pub steps_sent: usize,
}

struct Seeder<'a, B: Backend> {
    client: &'a mut Client<B>,
    out: &'a mut dyn Write,
    asker: AccountId,
    sent: usize,
}

impl<B: Backend> Seeder<'_, B> {
    fn ask<Args: Encode, R: Decode>(
        &mut self,
        what: &str,
        message: Message<Args, R>,
    ) -> Result<R, SeedError>
    where
        Message<Args, R>: Clone,
    {
        self.client
            .query(self.asker, message)
            .map_err(|error| SeedError::Chain {
                step: format!("query {what}"),
                error,
            })
    }

    fn act<Args: Encode, T, E: Debug>(
        &mut self,
        step: &str,
        signer: AccountId,
        message: Message<Args, Result<T, E>>,
        value: Balance,
    ) -> Result<T, SeedError>
    where
        Message<Args, Result<T, E>>: Clone,
        Result<T, E>: Decode,
    {
        let reply = self
            .client
            .call(step, signer, message, value)
            .map_err(|error| SeedError::Chain {
                step: step.to_owned(),
                error,
            })?;
        self.sent += 1;
        let reply = reply.map_err(|error| SeedError::Contract {
            step: step.to_owned(),
            error: format!("{error:?}"),
        })?;
        writeln!(self.out, "  done: {step}")?;
        Ok(reply)
    }

    fn skip(&mut self, step: &str) -> Result<(), SeedError> {
        writeln!(self.out, "  {step} (already done, skipped)")?;
        Ok(())
    }
}

/// Seeds the demo cast on the suite whose registry is `registry`. `now` is the chain's time
/// (ms); the open offering's deadline is `now + 14 days`. The backend must sign for Bob and
/// Dave (the dev keys on a local node).
///
/// # Errors
/// A step failed, or the chain holds another story (see [`SeedError`]).
pub fn run<B: Backend>(
    client: &mut Client<B>,
    registry: AccountId,
    now: u64,
    out: &mut dyn Write,
) -> Result<Seeded, SeedError> {
    let alice = dev::account(dev::ALICE);
    let bob = dev::account(dev::BOB);
    let dave = dev::account(dev::DAVE);
    let mut s = Seeder {
        client,
        out,
        asker: alice,
        sent: 0,
    };
    let mut reg = contract::<Registry>(registry);
    for (who, name) in [(alice, "Alice"), (bob, "Bob"), (dave, "Dave")] {
        if !s.ask("is_active", reg.is_active(who))? {
            return Err(SeedError::Refused(format!(
                "{name} ({}) is not an active member of the registry {}: seed a deployment made \
                 with the dev founders (`deploy plan --dev`)",
                ss58(who),
                ss58(registry)
            )));
        }
    }

    // 1. $BOB.
    let launch = "Bob launches $BOB (1,000,000.000000 supply) through the registry";
    let token = match s.ask("token_of", reg.token_of(bob))? {
        Some(token) => {
            s.skip(launch)?;
            token
        }
        None => {
            s.act(
                launch,
                bob,
                reg.launch_token(
                    "Bob Token".into(),
                    "BOB".into(),
                    6,
                    SUPPLY,
                    terms_hash(),
                    2 * DAY,
                    false,
                ),
                0,
            )?
            .0
        }
    };
    let splitter = s
        .ask("splitter_of", reg.splitter_of(bob))?
        .ok_or_else(|| SeedError::Refused("the registry records no splitter for Bob".into()))?;
    let mut bob_token = contract::<PersonalToken>(token);
    let symbol = s.ask("token_symbol", {
        use interfaces::PSP22Metadata;
        bob_token.token_symbol()
    })?;
    let supply = s.ask("total_supply", bob_token.total_supply())?;
    let terms: Hash = s.ask("terms_hash", bob_token.terms_hash())?;
    if symbol.as_deref() != Some("BOB") || supply != SUPPLY || terms != terms_hash() {
        return Err(SeedError::Refused(format!(
            "Bob already has a token ({}) that this seed did not launch (symbol {symbol:?}, \
             supply {supply}): start from a fresh chain",
            ss58(token)
        )));
    }

    // 2. Offering #0, sold to Dave and settled.
    let dave_cost = DAVE_AMOUNT * PRICE_PER_UNIT;
    let open_first = format!(
        "Bob offers {} $BOB (2%) for {}",
        tokens(DAVE_AMOUNT),
        units(dave_cost)
    );
    if s.ask("offering_count", bob_token.offering_count())? == 0 {
        s.act(
            &open_first,
            bob,
            bob_token.open_offering(
                DAVE_AMOUNT,
                PRICE_PER_UNIT,
                dave_cost,
                now + 7 * DAY,
                Vec::new(),
            ),
            0,
        )?;
    } else {
        s.skip(&open_first)?;
    }
    let first = s
        .ask("offering", bob_token.offering(0))?
        .ok_or_else(|| SeedError::Refused("$BOB has no offering #0".into()))?;
    if first.amount != DAVE_AMOUNT || first.price_per_unit != PRICE_PER_UNIT {
        return Err(SeedError::Refused(format!(
            "$BOB's offering #0 is not this seed's ({} units at {}): start from a fresh chain",
            first.amount, first.price_per_unit
        )));
    }
    let subscribe = "Dave subscribes for all of offering #0, consenting to the terms";
    let settle = "offering #0 (sold out) settles: Dave holds 2% of $BOB";
    match first.status {
        OfferingStatus::Open => {
            if first.sold < first.amount {
                s.act(
                    subscribe,
                    dave,
                    bob_token.subscribe(0, first.amount - first.sold, terms_hash()),
                    (first.amount - first.sold) * PRICE_PER_UNIT,
                )?;
            } else {
                s.skip(subscribe)?;
            }
            s.act(settle, dave, bob_token.settle(0), 0)?;
        }
        OfferingStatus::Settled => {
            s.skip(subscribe)?;
            s.skip(settle)?;
        }
        OfferingStatus::Failed => {
            return Err(SeedError::Refused(
                "$BOB's offering #0 failed: start from a fresh chain".into(),
            ))
        }
    }

    // 3. A disclosed asset sold, the holders paid.
    let disclose = format!(
        "Bob discloses his ACME stake (estimated {})",
        units(ESTIMATE)
    );
    if s.ask("asset_count", bob_token.asset_count())? == 0 {
        s.act(
            &disclose,
            bob,
            bob_token.disclose_asset(AssetKind::CompanyStake, Hash::from([0xac; 32]), ESTIMATE),
            0,
        )?;
    } else {
        s.skip(&disclose)?;
    }
    let report = format!(
        "Bob reports selling it for {} and pays the holders' share",
        units(GROSS)
    );
    if s.ask("liquidation", bob_token.liquidation(0, 0))?.is_none() {
        let share = s
            .ask("holders_share", bob_token.holders_share(GROSS))?
            .map_err(|e| SeedError::Contract {
                step: "holders_share".into(),
                error: format!("{e:?}"),
            })?;
        s.act(
            &format!("{report} ({})", units(share)),
            bob,
            bob_token.report_liquidation(0, GROSS),
            share,
        )?;
    } else {
        s.skip(&report)?;
    }

    // 4. The offering that stays open.
    let open_second = format!(
        "Bob opens offering #1: {} $BOB (10%) at the same price, for 14 days",
        tokens(OPEN_AMOUNT)
    );
    if s.ask("offering_count", bob_token.offering_count())? < 2 {
        s.act(
            &open_second,
            bob,
            bob_token.open_offering(
                OPEN_AMOUNT,
                PRICE_PER_UNIT,
                OPEN_MIN_TOTAL,
                now + OPEN_FOR,
                Vec::new(),
            ),
            0,
        )?;
    } else {
        s.skip(&open_second)?;
    }
    let open = s
        .ask("offering", bob_token.offering(1))?
        .ok_or_else(|| SeedError::Refused("$BOB has no offering #1".into()))?;
    if open.status != OfferingStatus::Open || open.deadline <= now {
        writeln!(
            s.out,
            "  note: offering #1 is no longer open (status {:?}, deadline {}); the app shows \
             no open offering",
            open.status, open.deadline
        )?;
    }

    let dave_balance = s.ask("balance_of", bob_token.balance_of(dave))?;
    let split = contract::<PayoutSplitter>(splitter);
    let dave_claimable =
        s.ask("claimable", split.claimable(dave))?
            .map_err(|e| SeedError::Contract {
                step: "claimable".into(),
                error: format!("{e:?}"),
            })?;
    let alice_balance = s.ask("balance_of", bob_token.balance_of(alice))?;
    writeln!(
        s.out,
        "  $BOB {}: Dave holds {} and can claim {}; Alice holds {}",
        ss58(token),
        tokens(dave_balance),
        units(dave_claimable),
        tokens(alice_balance)
    )?;
    Ok(Seeded {
        token,
        splitter,
        open_offering: 1,
        dave_balance,
        dave_claimable,
        steps_sent: s.sent,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::artifacts::Artifacts;
    use crate::config;
    use crate::manifest::Deployment;
    use crate::plan::{self, Quiet};
    use crate::sandbox::SandboxBackend;

    /// The seed on the sandbox, through the plan; a second run sends nothing.
    #[test]
    fn seeds_once_and_then_says_already_seeded() {
        // The committed release contracts (what the app's bindings come from), unless told.
        let dir = std::env::var("PERSONAL_TOKENS_ARTIFACTS")
            .map(std::path::PathBuf::from)
            .unwrap_or_else(|_| {
                std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../artifacts")
            });
        let artifacts = Artifacts::load(&dir).unwrap();
        let cast = crate::demo::Cast::new();
        let mut backend = SandboxBackend::new();
        for account in cast.everyone() {
            backend.mint(account, 1_000_000 * UNIT);
        }
        let mut client = Client::new(backend);
        let config = config::builtin("sandbox", cast.founders());
        let mut manifest = Deployment::default();
        let suite = plan::run(
            &mut client,
            cast.deployer,
            &artifacts,
            &config,
            &mut manifest,
            &mut Quiet,
            &mut |_| Ok(()),
        )
        .unwrap();
        let now = client.backend.now();
        let mut out = Vec::new();
        let first = run(&mut client, suite.registry, now, &mut out).unwrap();
        assert_eq!(first.dave_balance, DAVE_AMOUNT);
        assert_eq!(first.dave_claimable, GROSS / 50);
        assert!(first.steps_sent >= 6);
        let second = run(&mut client, suite.registry, now, &mut out).unwrap();
        assert_eq!(second.steps_sent, 0);
        assert_eq!(second.token, first.token);
    }
}

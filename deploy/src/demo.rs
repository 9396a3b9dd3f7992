//! The seed story, end to end on the embedded sandbox, with real numbers: gas and balances per
//! step, and every expectation checked (`make demo` exits non-zero if one fails).
//!
//! 1. The suite is deployed through the plan; six founders are members.
//! 2. Carol applies with a bond and is vouched in by Alice and Bob.
//! 3. Bob launches $BOB; Alice buys 1% for 100,000 UNIT in his offering.
//! 4. Alice sells half to Carol with Bob's approval: Carol's payment is escrowed, and tokens and
//!    payment cross atomically. A plain transfer would have been refused (ERC-1404 code 5).
//! 5. Bob discloses his ACME stake, later sells it for 10,000,000 UNIT and reports it, paying
//!    the holders' share; Alice and Carol claim exactly 50,000 UNIT each.
//! 6. Mallory, vouched in by Charlie and Eve, sells an asset without reporting it. Dave, who
//!    holds $MAL, disputes; conflict-free jurors vote him out; the ruling freezes $MAL and pays
//!    Mallory's bond and his vouchers' bonds to $MAL's holders, and Dave claims them.

use crate::artifacts::Artifacts;
use crate::backend::GasUsage;
use crate::client::{contract, Client, ClientError, Message};
use crate::config::{self, dev, DAY, UNIT};
use crate::manifest::{ss58, Deployment};
use crate::plan::{self, PrintProgress, Progress, Quiet, Suite};
use crate::sandbox::SandboxBackend;
use governance::governance::Governance;
use governance::types::{DisputeKind, Remedy, Ruling, FIRST_ROUND};
use ink::scale::Encode;
use interfaces::{
    restriction, AccountId, Balance, Hash, MemberRegistry, TokenRemedies, TransferRestriction,
    PSP22,
};
use payout_splitter::payout_splitter::PayoutSplitter;
use personal_token::personal_token::PersonalToken;
use personal_token::types::AssetKind;
use registry::registry::Registry;
use registry::types::MemberStatus;
use std::fmt::Debug;
use std::io::Write;

/// The people of the story.
#[derive(Debug, Clone, Copy)]
pub struct Cast {
    /// Runs the deployment plan; keeps no power afterwards.
    pub deployer: AccountId,
    /// Founder; buys 1% of $BOB.
    pub alice: AccountId,
    /// Founder; issues $BOB.
    pub bob: AccountId,
    /// Founder; vouches for Mallory.
    pub charlie: AccountId,
    /// Founder; holds $MAL and disputes Mallory.
    pub dave: AccountId,
    /// Founder; vouches for Mallory.
    pub eve: AccountId,
    /// Founder; juror.
    pub ferdie: AccountId,
    /// Newcomer; buys half of Alice's $BOB.
    pub carol: AccountId,
    /// Newcomer who hides a liquidation.
    pub mallory: AccountId,
}

impl Cast {
    /// Dev accounts for the founders, fixed accounts for the newcomers.
    pub fn new() -> Cast {
        Cast {
            deployer: AccountId::from([0xde; 32]),
            alice: dev::account(dev::ALICE),
            bob: dev::account(dev::BOB),
            charlie: dev::account(dev::CHARLIE),
            dave: dev::account(dev::DAVE),
            eve: dev::account(dev::EVE),
            ferdie: dev::account(dev::FERDIE),
            carol: AccountId::from([0xca; 32]),
            mallory: AccountId::from([0x3a; 32]),
        }
    }

    /// Everyone in the story, the deployer included.
    pub fn everyone(&self) -> Vec<AccountId> {
        let mut everyone = vec![self.deployer];
        everyone.extend(self.founders());
        everyone.extend([self.carol, self.mallory]);
        everyone
    }

    /// The six founders.
    pub fn founders(&self) -> Vec<AccountId> {
        vec![
            self.alice,
            self.bob,
            self.charlie,
            self.dave,
            self.eve,
            self.ferdie,
        ]
    }

    fn name(&self, account: AccountId) -> String {
        let names = [
            (self.deployer, "deployer"),
            (self.alice, "Alice"),
            (self.bob, "Bob"),
            (self.charlie, "Charlie"),
            (self.dave, "Dave"),
            (self.eve, "Eve"),
            (self.ferdie, "Ferdie"),
            (self.carol, "Carol"),
            (self.mallory, "Mallory"),
        ];
        names
            .iter()
            .find(|(a, _)| *a == account)
            .map(|(_, n)| n.to_string())
            .unwrap_or_else(|| ss58(account))
    }
}

impl Default for Cast {
    fn default() -> Self {
        Cast::new()
    }
}

/// Why the demo stopped.
#[derive(Debug, thiserror::Error)]
pub enum DemoError {
    /// The artifacts are missing or broken.
    #[error(transparent)]
    Artifacts(#[from] crate::artifacts::ArtifactError),
    /// The deployment plan failed.
    #[error(transparent)]
    Plan(#[from] plan::PlanError),
    /// The chain refused a step.
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
    /// Writing the report failed.
    #[error("output: {0}")]
    Output(#[from] std::io::Error),
}

/// What the story produced: the expectations checked and the gas of every step.
#[derive(Debug, Default)]
pub struct Report {
    /// `(expectation, held)` in order.
    pub checks: Vec<(String, bool)>,
    /// `(step, gas)` of every extrinsic.
    pub gas: Vec<(String, GasUsage)>,
}

impl Report {
    /// Expectations that did not hold.
    pub fn failures(&self) -> Vec<&str> {
        self.checks
            .iter()
            .filter(|(_, held)| !held)
            .map(|(what, _)| what.as_str())
            .collect()
    }
}

/// `amount` in UNIT with thousands separators and up to 4 decimals.
pub fn units(amount: Balance) -> String {
    let whole = amount / UNIT;
    let fraction = (amount % UNIT) / (UNIT / 10_000);
    let digits = whole.to_string();
    let mut grouped = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(c);
    }
    if fraction == 0 {
        format!("{grouped} UNIT")
    } else {
        format!("{grouped}.{fraction:04} UNIT")
    }
}

fn gas_text(gas: &GasUsage) -> String {
    let deposit = if gas.storage_deposit >= 0 {
        format!("+{}", gas.storage_deposit)
    } else {
        gas.storage_deposit.to_string()
    };
    format!(
        "ref_time {:>6.2} ms, proof {:>6} B, deposit {deposit}",
        gas.ref_time as f64 / 1e9,
        gas.proof_size
    )
}

/// The story's state: the chain, the cast, the report, the output.
pub struct Story<'a> {
    /// Typed client on the sandbox.
    pub client: Client<SandboxBackend>,
    /// The people.
    pub cast: Cast,
    /// The deployed suite.
    pub suite: Suite,
    /// What was checked and measured.
    pub report: Report,
    out: &'a mut dyn Write,
}

impl<'a> Story<'a> {
    /// Deploys the suite through the plan on a fresh sandbox, funding the cast.
    ///
    /// # Errors
    /// Artifacts missing or the plan failed.
    pub fn deploy(
        artifacts: &Artifacts,
        out: &'a mut dyn Write,
        verbose_plan: bool,
    ) -> Result<Story<'a>, DemoError> {
        let cast = Cast::new();
        let mut backend = SandboxBackend::new();
        for account in cast.everyone() {
            backend.mint(account, 1_000_000 * UNIT);
        }
        let mut client = Client::new(backend);
        let config = config::builtin("sandbox", cast.founders());
        let mut manifest = Deployment::default();
        let mut progress: Box<dyn Progress> = if verbose_plan {
            Box::new(PrintProgress)
        } else {
            Box::new(Quiet)
        };
        let suite = plan::run(
            &mut client,
            cast.deployer,
            artifacts,
            &config,
            &mut manifest,
            progress.as_mut(),
            &mut |_| Ok(()),
        )?;
        Ok(Story {
            client,
            cast,
            suite,
            report: Report::default(),
            out,
        })
    }

    /// Writes a line of the story.
    ///
    /// # Errors
    /// Output failed.
    pub fn say(&mut self, text: &str) -> Result<(), DemoError> {
        writeln!(self.out, "{text}")?;
        Ok(())
    }

    /// Records an expectation and prints it.
    ///
    /// # Errors
    /// Output failed.
    pub fn check(&mut self, what: &str, held: bool) -> Result<(), DemoError> {
        let mark = if held { "ok  " } else { "FAIL" };
        writeln!(self.out, "    [{mark}] {what}")?;
        self.report.checks.push((what.to_owned(), held));
        Ok(())
    }

    /// Sends a message; a chain failure (below the contract's error) stops the story.
    fn send<Args: Encode, R: ink::scale::Decode>(
        &mut self,
        step: &str,
        signer: AccountId,
        message: Message<Args, R>,
        value: Balance,
    ) -> Result<R, DemoError>
    where
        Message<Args, R>: Clone,
    {
        self.client
            .call(step, signer, message, value)
            .map_err(|error| DemoError::Chain {
                step: step.to_owned(),
                error,
            })
    }

    /// Sends a message that must succeed; prints its gas; returns its value.
    ///
    /// # Errors
    /// The chain or the contract refused.
    pub fn act<Args: Encode, T, E: Debug>(
        &mut self,
        step: &str,
        signer: AccountId,
        message: Message<Args, Result<T, E>>,
        value: Balance,
    ) -> Result<T, DemoError>
    where
        Message<Args, Result<T, E>>: Clone,
        Result<T, E>: ink::scale::Decode,
    {
        let reply = self.send(step, signer, message, value)?;
        let gas = self.client.last_record().map(|r| r.gas).unwrap_or_default();
        let who = self.cast.name(signer);
        writeln!(self.out, "  {who:>8}: {step:<58} {}", gas_text(&gas))?;
        self.report.gas.push((step.to_owned(), gas));
        reply.map_err(|error| DemoError::Contract {
            step: step.to_owned(),
            error: format!("{error:?}"),
        })
    }

    /// Sends a message that must be refused; returns the typed error.
    ///
    /// # Errors
    /// The chain failed, or the message succeeded.
    pub fn refused<Args: Encode, T: Debug, E: Debug>(
        &mut self,
        step: &str,
        signer: AccountId,
        message: Message<Args, Result<T, E>>,
        value: Balance,
    ) -> Result<E, DemoError>
    where
        Message<Args, Result<T, E>>: Clone,
        Result<T, E>: ink::scale::Decode,
    {
        match self.send(step, signer, message, value)? {
            Err(error) => {
                let who = self.cast.name(signer);
                writeln!(self.out, "  {who:>8}: {step:<58} refused: {error:?}")?;
                Ok(error)
            }
            Ok(value) => Err(DemoError::Contract {
                step: step.to_owned(),
                error: format!("expected a refusal, got Ok({value:?})"),
            }),
        }
    }

    /// Runs a query.
    ///
    /// # Errors
    /// The chain failed.
    pub fn ask<Args: Encode, R: ink::scale::Decode>(
        &mut self,
        message: Message<Args, R>,
    ) -> Result<R, DemoError>
    where
        Message<Args, R>: Clone,
    {
        self.client
            .query(self.cast.deployer, message)
            .map_err(|error| DemoError::Chain {
                step: "query".into(),
                error,
            })
    }

    /// Native balance.
    ///
    /// # Errors
    /// The chain failed.
    pub fn balance(&mut self, account: AccountId) -> Result<Balance, DemoError> {
        self.client
            .balance(account)
            .map_err(|error| DemoError::Chain {
                step: "balance".into(),
                error,
            })
    }

    /// Moves the sandbox clock forward.
    pub fn wait(&mut self, ms: u64) -> Result<(), DemoError> {
        self.client.backend.advance(ms);
        let days = ms as f64 / DAY as f64;
        writeln!(self.out, "  ... {days:.1} days pass")?;
        Ok(())
    }

    /// Prints the native balance of each named account.
    fn balances(&mut self, who: &[AccountId]) -> Result<(), DemoError> {
        let mut line = String::from("  balances:");
        for account in who {
            let amount = self.balance(*account)?;
            line.push_str(&format!(" {} {};", self.cast.name(*account), units(amount)));
        }
        self.say(&line)
    }

    /// A member applies and two members vouch him in.
    fn admit(&mut self, candidate: AccountId, vouchers: [AccountId; 2]) -> Result<(), DemoError> {
        let params = config::registry_params();
        let mut registry = contract::<Registry>(self.suite.registry);
        let name = self.cast.name(candidate);
        self.act(
            &format!(
                "{name} applies with a {} bond",
                units(params.application_bond)
            ),
            candidate,
            registry.apply(Hash::from([0x11; 32])),
            params.application_bond,
        )?;
        for voucher in vouchers {
            let who = self.cast.name(voucher);
            self.act(
                &format!(
                    "{who} vouches for {name}, staking {}",
                    units(params.vouch_bond)
                ),
                voucher,
                registry.vouch(candidate),
                params.vouch_bond,
            )?;
        }
        let active = self.ask(registry.is_active(candidate))?;
        self.check(
            &format!("{name} is an active member after two vouches"),
            active,
        )
    }

    /// The issuer launches a token and sells `amount` of it to `buyer` in an offering.
    fn launch_and_sell(
        &mut self,
        issuer: AccountId,
        symbol: &str,
        buyer: AccountId,
        amount: Balance,
        price_per_unit: Balance,
    ) -> Result<(AccountId, AccountId), DemoError> {
        let mut registry = contract::<Registry>(self.suite.registry);
        let issuer_name = self.cast.name(issuer);
        let (token, splitter) = self.act(
            &format!("{issuer_name} launches ${symbol} (1,000,000.000000 supply)"),
            issuer,
            registry.launch_token(
                format!("{issuer_name} Token"),
                symbol.to_owned(),
                6,
                SUPPLY,
                terms_hash(),
                2 * DAY,
                false,
            ),
            0,
        )?;
        let mut token_ref = contract::<PersonalToken>(token);
        let recorded = self.ask(registry.token_of(issuer))?;
        let authority = self.ask(token_ref.wiring_authority())?;
        self.check(
            &format!("${symbol} is recorded for {issuer_name} and no key can rewire it"),
            recorded == Some(token) && authority.is_none(),
        )?;
        let cost = amount * price_per_unit;
        let now = self.client.backend.now();
        let offering = self.act(
            &format!(
                "{issuer_name} offers {} ${symbol} for {}",
                tokens(amount),
                units(cost)
            ),
            issuer,
            token_ref.open_offering(amount, price_per_unit, cost, now + 7 * DAY, Vec::new()),
            0,
        )?;
        let buyer_name = self.cast.name(buyer);
        self.act(
            &format!("{buyer_name} subscribes, consenting to the terms"),
            buyer,
            token_ref.subscribe(offering, amount, terms_hash()),
            cost,
        )?;
        self.act(
            "the sold-out offering settles",
            buyer,
            token_ref.settle(offering),
            0,
        )?;
        let held = self.ask(token_ref.balance_of(buyer))?;
        self.check(
            &format!("{buyer_name} holds {} ${symbol}", tokens(amount)),
            held == amount,
        )?;
        Ok((token, splitter))
    }

    /// Runs the whole story.
    ///
    /// # Errors
    /// A step failed outright (expectations that do not hold are recorded, not errors).
    pub fn run(&mut self) -> Result<(), DemoError> {
        let cast = self.cast;
        let suite = self.suite;
        self.say(&format!(
            "Deployed on the embedded sandbox: governance {}, registry {}",
            ss58(suite.governance),
            ss58(suite.registry)
        ))?;
        let registry = contract::<Registry>(suite.registry);
        let mut governance = contract::<Governance>(suite.governance);

        self.say("\n1. Founders")?;
        let mut all_active = true;
        for founder in cast.founders() {
            all_active &= self.ask(registry.is_active(founder))?;
        }
        self.check("the six founders are active members", all_active)?;
        let authority = self.ask(governance.wiring_authority())?;
        self.check(
            "the deployer keeps no power (governance has no wiring authority)",
            authority.is_none(),
        )?;

        self.say("\n2. A newcomer is vouched in")?;
        self.admit(cast.carol, [cast.alice, cast.bob])?;

        self.say("\n3. Bob launches $BOB; Alice buys 1% for 100,000 UNIT")?;
        let bob_before = self.balance(cast.bob)?;
        let (bob_token, bob_splitter) =
            self.launch_and_sell(cast.bob, "BOB", cast.alice, SUPPLY / 100, 10_000_000)?;
        let bob_after = self.balance(cast.bob)?;
        self.check(
            "Bob received the 100,000 UNIT (less his storage deposits)",
            bob_after > bob_before + 99_990 * UNIT && bob_after < bob_before + 100_000 * UNIT,
        )?;
        self.balances(&[cast.alice, cast.bob])?;

        self.say("\n4. Alice sells half to Carol with Bob's approval")?;
        let mut token = contract::<PersonalToken>(bob_token);
        let half = SUPPLY / 200;
        let code = self.ask(token.detect_transfer_restriction(cast.alice, cast.carol, half))?;
        self.check(
            &format!(
                "a plain transfer would be refused: ERC-1404 code {code} ({})",
                restriction::message(code)
            ),
            code == restriction::APPROVAL_REQUIRED,
        )?;
        let price = 60_000 * UNIT;
        let request = self.act(
            &format!(
                "Alice asks to sell {} $BOB to Carol for {}",
                tokens(half),
                units(price)
            ),
            cast.alice,
            token.request_transfer(cast.carol, half, price),
            0,
        )?;
        self.act(
            "Carol pays the price into escrow",
            cast.carol,
            token.fund_request(request),
            price,
        )?;
        let alice_before = self.balance(cast.alice)?;
        self.act(
            "Bob approves: tokens and payment cross atomically",
            cast.bob,
            token.approve_transfer(request),
            0,
        )?;
        let alice_after = self.balance(cast.alice)?;
        let carol_tokens = self.ask(token.balance_of(cast.carol))?;
        let alice_tokens = self.ask(token.balance_of(cast.alice))?;
        self.check(
            "Carol and Alice each hold 0.5% of $BOB",
            carol_tokens == half && alice_tokens == half,
        )?;
        self.check(
            "Alice received exactly 60,000 UNIT from escrow",
            alice_after == alice_before + price,
        )?;
        let valuation = self.ask(token.implied_valuation())?;
        self.check(
            &format!(
                "the implied valuation of $BOB is {}",
                units(valuation.unwrap_or_default())
            ),
            valuation == Some(12_000_000 * UNIT),
        )?;

        self.say("\n5. Bob sells his ACME stake for 10,000,000 UNIT and pays the holders")?;
        let asset = self.act(
            "Bob discloses his ACME stake (estimated 8,000,000 UNIT)",
            cast.bob,
            token.disclose_asset(
                AssetKind::CompanyStake,
                Hash::from([0xac; 32]),
                8_000_000 * UNIT,
            ),
            0,
        )?;
        self.wait(30 * DAY)?;
        let gross = 10_000_000 * UNIT;
        let share = self
            .ask(token.holders_share(gross))?
            .map_err(|e| DemoError::Contract {
                step: "holders_share".into(),
                error: format!("{e:?}"),
            })?;
        self.check(
            &format!(
                "the holders' share of 10,000,000 UNIT is {} (1%)",
                units(share)
            ),
            share == 100_000 * UNIT,
        )?;
        self.act(
            "Bob reports the sale and pays the holders' share",
            cast.bob,
            token.report_liquidation(asset, gross),
            share,
        )?;
        let mut splitter = contract::<PayoutSplitter>(bob_splitter);
        for (holder, name) in [(cast.alice, "Alice"), (cast.carol, "Carol")] {
            let claimed = self.act(&format!("{name} claims"), holder, splitter.claim(), 0)?;
            self.check(
                &format!(
                    "{name} claimed exactly {} (0.5% of 10,000,000)",
                    units(claimed)
                ),
                claimed == 50_000 * UNIT,
            )?;
        }
        self.balances(&[cast.alice, cast.bob, cast.carol])?;

        self.say("\n6. Mallory hides a liquidation and is voted out")?;
        self.admit(cast.mallory, [cast.charlie, cast.eve])?;
        let (mal_token, mal_splitter) =
            self.launch_and_sell(cast.mallory, "MAL", cast.dave, SUPPLY / 10, 1_000_000)?;
        let mut mal = contract::<PersonalToken>(mal_token);
        self.act(
            "Mallory discloses a gadget patent (estimated 500,000 UNIT)",
            cast.mallory,
            mal.disclose_asset(
                AssetKind::IntellectualProperty,
                Hash::from([0x9a; 32]),
                500_000 * UNIT,
            ),
            0,
        )?;
        self.say("  (Mallory sells the patent for 900,000 UNIT and reports nothing)")?;
        self.say("  (a month passes: Carol's tenure is served, so she may judge cases opened from now on)")?;
        self.wait(config::registry_params().tenure + 1)?;
        let gov_params = config::governance_params();
        let dispute = self.act(
            "Dave disputes: undisclosed liquidation, asks for expulsion",
            cast.dave,
            governance.open_dispute(
                cast.mallory,
                DisputeKind::UndisclosedLiquidation,
                Hash::from([0xe1; 32]),
                Remedy::Expel,
            ),
            gov_params.dispute_bond,
        )?;
        self.act(
            "Dave submits the buyer's receipt as evidence",
            cast.dave,
            governance.submit_evidence(dispute, Hash::from([0xe2; 32])),
            0,
        )?;
        self.wait(gov_params.evidence_period)?;
        let commitment = |juror: AccountId| -> (Hash, [u8; 32]) {
            let first: &[u8; 32] = juror.as_ref();
            let salt = [first[0]; 32];
            (
                governance::disputes::vote_commitment(dispute, FIRST_ROUND, juror, true, salt),
                salt,
            )
        };
        let (charlie_commit, _) = commitment(cast.charlie);
        let excluded = self.refused(
            "Charlie, who vouched for Mallory, tries to judge",
            cast.charlie,
            governance.commit_vote(dispute, charlie_commit),
            gov_params.juror_deposit,
        )?;
        self.check(
            "Mallory's vouchers cannot judge him",
            format!("{excluded:?}") == "JurorExcluded",
        )?;
        let jurors = [cast.alice, cast.bob, cast.ferdie, cast.carol];
        for juror in jurors {
            let (hash, _) = commitment(juror);
            let name = self.cast.name(juror);
            self.act(
                &format!("{name} commits a hidden vote, with the juror deposit"),
                juror,
                governance.commit_vote(dispute, hash),
                gov_params.juror_deposit,
            )?;
        }
        self.wait(gov_params.commit_period)?;
        for juror in jurors {
            let (_, salt) = commitment(juror);
            let name = self.cast.name(juror);
            self.act(
                &format!("{name} reveals: guilty"),
                juror,
                governance.reveal_vote(dispute, true, salt),
                0,
            )?;
        }
        self.wait(gov_params.reveal_period + gov_params.appeal_period)?;
        let ruling = self.ask(governance.ruling(dispute))?;
        self.check(
            "the ruling is final: upheld, 4 of 4",
            ruling == Some(Ruling::Upheld),
        )?;
        let dave_before = self.balance(cast.dave)?;
        self.act(
            "Ferdie executes the ruling",
            cast.ferdie,
            governance.execute_ruling(dispute),
            0,
        )?;
        let dave_after = self.balance(cast.dave)?;
        let member = self.ask(registry.member(cast.mallory))?;
        self.check(
            "Mallory is expelled",
            matches!(member.map(|m| m.status), Some(MemberStatus::Expelled)),
        )?;
        let frozen = self.ask(mal.is_frozen())?;
        self.check("$MAL is frozen", frozen)?;
        self.check(
            "Dave's dispute bond came back",
            dave_after == dave_before + gov_params.dispute_bond,
        )?;
        let mut mal_splitter_ref = contract::<PayoutSplitter>(mal_splitter);
        let registry_params = config::registry_params();
        let slashed = registry_params.application_bond + 2 * registry_params.vouch_bond;
        let claimed = self.act(
            "Dave claims from $MAL's splitter",
            cast.dave,
            mal_splitter_ref.claim(),
            0,
        )?;
        self.check(
            &format!(
                "Dave, $MAL's only holder, received Mallory's bond and both vouch bonds: {}",
                units(claimed)
            ),
            claimed == slashed,
        )?;
        let banned = self.ask(registry.vouch_banned_until(cast.charlie))?;
        let now = self.client.backend.now();
        self.check(
            "Charlie may not vouch again for 90 days",
            banned >= now + 89 * DAY,
        )?;
        let still_member = self.ask(registry.is_active(cast.mallory))?;
        self.check("Mallory can no longer act as a member", !still_member)?;
        Ok(())
    }
}

/// Total supply of the demo's tokens: 1,000,000 tokens of 6 decimals.
pub const SUPPLY: Balance = 1_000_000 * 1_000_000;

/// `amount` of a 6-decimal token.
pub fn tokens(amount: Balance) -> String {
    format!("{}.{:06}", amount / 1_000_000, amount % 1_000_000)
}

/// The hash of the demo's legal terms.
pub fn terms_hash() -> Hash {
    Hash::from([0x7e; 32])
}

/// Runs the whole demo, writing the story to `out`.
///
/// # Errors
/// A step failed outright.
pub fn run(artifacts: &Artifacts, out: &mut dyn Write) -> Result<Report, DemoError> {
    writeln!(
        out,
        "Personal Tokens: the seed story on the embedded sandbox\n"
    )?;
    writeln!(out, "Deployment plan:")?;
    let mut story = Story::deploy(artifacts, out, true)?;
    story.say("")?;
    story.run()?;
    let report = std::mem::take(&mut story.report);
    let failures = report.failures();
    writeln!(
        story.out,
        "\n{} expectations checked, {} failed; {} extrinsics",
        report.checks.len(),
        failures.len(),
        report.gas.len()
    )?;
    Ok(report)
}

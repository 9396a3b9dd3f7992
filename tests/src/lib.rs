//! Fixtures of the system tests: a [`World`] is the whole suite deployed through the
//! deployment plan on a fresh embedded sandbox, with a cast of funded accounts and typed
//! helpers per contract. The tests themselves live in `tests/system/`.

use deploy::artifacts::Artifacts;
use deploy::backend::Backend;
use deploy::client::{contract, Client, Message};
use deploy::config;
use deploy::manifest::Deployment;
use deploy::plan::{self, PlanConfig, Quiet, Suite};
use deploy::sandbox::SandboxBackend;
use drink::Sandbox;
use ink::codegen::ContractCallBuilder;
use ink::scale::{Decode, Encode};
use std::fmt::Debug;
use std::sync::OnceLock;

pub use deploy::config::{DAY, HOUR, UNIT};
pub use deploy::demo::{terms_hash, Cast, SUPPLY};
pub use governance::governance::Governance;
pub use interfaces::{AccountId, Balance, Hash, Timestamp};
pub use payout_splitter::payout_splitter::PayoutSplitter;
pub use personal_token::personal_token::PersonalToken;
pub use registry::registry::Registry;
pub use roster::roster::Roster;

/// Call builder of the governance contract.
pub type GovernanceCalls = <Governance as ContractCallBuilder>::Type;
/// Call builder of the registry.
pub type RegistryCalls = <Registry as ContractCallBuilder>::Type;
/// Call builder of a personal token.
pub type TokenCalls = <PersonalToken as ContractCallBuilder>::Type;
/// Call builder of a payout splitter.
pub type SplitterCalls = <PayoutSplitter as ContractCallBuilder>::Type;
/// Call builder of the roster.
pub type RosterCalls = <Roster as ContractCallBuilder>::Type;

/// Native balance every cast member and extra account starts with.
pub const STARTING_BALANCE: Balance = 10_000_000 * UNIT;

/// The built contracts, loaded once per test process.
///
/// # Panics
/// If `make build` has not run.
pub fn artifacts() -> &'static Artifacts {
    static ARTIFACTS: OnceLock<Artifacts> = OnceLock::new();
    ARTIFACTS.get_or_init(|| Artifacts::load_default().unwrap_or_else(|error| panic!("{error}")))
}

/// A token launched through the registry's factory.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Launched {
    /// The personal token.
    pub token: AccountId,
    /// Its payout splitter.
    pub splitter: AccountId,
}

/// The deployed suite on a fresh sandbox.
pub struct World {
    /// Typed client on the sandbox.
    pub client: Client<SandboxBackend>,
    /// The people (founders are the six dev accounts; Carol and Mallory are not members).
    pub cast: Cast,
    /// Addresses and code hashes.
    pub suite: Suite,
    /// The configuration the plan deployed with.
    pub config: PlanConfig,
}

impl Default for World {
    fn default() -> Self {
        World::new()
    }
}

impl World {
    /// Deploys the suite through the plan with the built-in configuration.
    pub fn new() -> World {
        let cast = Cast::new();
        World::with_config(config::builtin("sandbox", cast.founders()))
    }

    /// [`World::new`] with a registry tenure of `tenure` instead of the shipped 30 days: for
    /// tests whose newcomers must gain their rights while a vote or a case is still open.
    pub fn with_tenure(tenure: Timestamp) -> World {
        World::with_registry(|registry| registry.tenure = tenure)
    }

    /// [`World::new`] with the registry's parameters changed by `change`.
    pub fn with_registry(change: impl FnOnce(&mut registry::types::RegistryParams)) -> World {
        let cast = Cast::new();
        let mut config = config::builtin("sandbox", cast.founders());
        change(&mut config.registry);
        World::with_config(config)
    }

    /// Admits each of `newcomers`, vouched by two founders in turn (Alice and Bob, Bob and
    /// Charlie, ...), so that a crowd spreads over the vouchers' periodic allowances.
    pub fn admit_crowd(&mut self, newcomers: &[AccountId]) {
        let founders = self.cast.founders();
        for (n, newcomer) in newcomers.iter().enumerate() {
            let first = founders[n % founders.len()];
            let second = founders[(n + 1) % founders.len()];
            self.admit(*newcomer, &[first, second]);
        }
    }

    /// Lets the registry's tenure pass (and one millisecond: rights must have begun strictly
    /// before a case or proposal opens), so that members admitted until now may vote, vouch
    /// and judge cases opened from now on.
    pub fn serve_tenure(&mut self) {
        self.advance(self.config.registry.tenure + 1);
    }

    /// Deploys the suite through the plan with `config`.
    pub fn with_config(config: PlanConfig) -> World {
        let cast = Cast::new();
        let mut backend = SandboxBackend::new();
        for account in cast.everyone() {
            backend.mint(account, STARTING_BALANCE);
        }
        let mut client = Client::new(backend);
        let mut manifest = Deployment::default();
        let suite = plan::run(
            &mut client,
            cast.deployer,
            artifacts(),
            &config,
            &mut manifest,
            &mut Quiet,
            &mut |_| Ok(()),
        )
        .unwrap_or_else(|error| panic!("{error}"));
        // Tests call some messages as the governance or registry contract itself (to test the
        // callee's own checks); such a caller pays storage deposits like any other.
        client.backend.mint(suite.governance, STARTING_BALANCE);
        client.backend.mint(suite.registry, STARTING_BALANCE);
        World {
            client,
            cast,
            suite,
            config,
        }
    }

    // ----- call builders -------------------------------------------------------------------

    /// The registry.
    pub fn registry(&self) -> RegistryCalls {
        contract::<Registry>(self.suite.registry)
    }

    /// The registry's roster.
    pub fn roster(&self) -> RosterCalls {
        contract::<Roster>(self.suite.roster)
    }

    /// Governance.
    pub fn governance(&self) -> GovernanceCalls {
        contract::<Governance>(self.suite.governance)
    }

    /// A personal token.
    pub fn token(&self, address: AccountId) -> TokenCalls {
        contract::<PersonalToken>(address)
    }

    /// A payout splitter.
    pub fn splitter(&self, address: AccountId) -> SplitterCalls {
        contract::<PayoutSplitter>(address)
    }

    // ----- chain access ----------------------------------------------------------------------

    /// Sends a message and returns what it returned (its typed error included).
    ///
    /// # Panics
    /// If the chain fails below the contract's error type (trap, decode failure): that is a
    /// bug, never an expected outcome.
    pub fn send<Args: Encode, R: Decode>(
        &mut self,
        signer: AccountId,
        message: Message<Args, R>,
        value: Balance,
    ) -> R
    where
        Message<Args, R>: Clone,
    {
        self.client
            .call("test", signer, message, value)
            .unwrap_or_else(|error| panic!("the chain failed: {error}"))
    }

    /// Sends a message that must succeed; returns its value.
    ///
    /// # Panics
    /// If it returns an error.
    pub fn ok<Args: Encode, T, E: Debug>(
        &mut self,
        signer: AccountId,
        message: Message<Args, Result<T, E>>,
        value: Balance,
    ) -> T
    where
        Message<Args, Result<T, E>>: Clone,
        Result<T, E>: Decode,
    {
        match self.send(signer, message, value) {
            Ok(value) => value,
            Err(error) => panic!("expected success, the contract refused: {error:?}"),
        }
    }

    /// Sends a message that must fail and change nothing on chain; returns its error.
    ///
    /// # Panics
    /// If it succeeds, or if any storage changed.
    pub fn refused<Args: Encode, T: Debug, E: Debug>(
        &mut self,
        signer: AccountId,
        message: Message<Args, Result<T, E>>,
        value: Balance,
    ) -> E
    where
        Message<Args, Result<T, E>>: Clone,
        Result<T, E>: Decode,
    {
        let before = self.state_root();
        let reply = self.send(signer, message, value);
        let after = self.state_root();
        match reply {
            Ok(value) => panic!("expected a refusal, got Ok({value:?})"),
            Err(error) => {
                assert_eq!(
                    before, after,
                    "the refused call ({error:?}) changed the chain state"
                );
                error
            }
        }
    }

    /// Runs a query.
    ///
    /// # Panics
    /// If the chain fails.
    pub fn ask<Args: Encode, R: Decode>(&mut self, message: Message<Args, R>) -> R
    where
        Message<Args, R>: Clone,
    {
        let asker = self.cast.deployer;
        self.client
            .query(asker, message)
            .unwrap_or_else(|error| panic!("query failed: {error}"))
    }

    /// Storage deposit of the last extrinsic: charged (positive) or refunded (negative).
    pub fn last_deposit(&self) -> i128 {
        self.client
            .last_record()
            .map(|record| record.gas.storage_deposit)
            .unwrap_or_default()
    }

    /// `before` changed by `amount` received and by the last extrinsic's storage deposit.
    pub fn after_receiving(&self, before: Balance, amount: Balance) -> Balance {
        let deposit = self.last_deposit();
        let with_amount = before + amount;
        if deposit >= 0 {
            with_amount - deposit.unsigned_abs()
        } else {
            with_amount + deposit.unsigned_abs()
        }
    }

    /// Free native balance.
    pub fn balance(&mut self, account: AccountId) -> Balance {
        self.client
            .balance(account)
            .unwrap_or_else(|error| panic!("{error}"))
    }

    /// The root of the whole chain state: equal roots mean nothing changed.
    pub fn state_root(&mut self) -> [u8; 32] {
        let root = self.client.backend.sandbox().take_snapshot().storage_root;
        root.into()
    }

    /// The whole chain state, to return to later with [`World::restore`] (cheap: a few ms).
    pub fn snapshot(&mut self) -> ink_sandbox::Snapshot {
        self.client.backend.sandbox().take_snapshot()
    }

    /// Returns the chain to `snapshot` (taken from a world deployed with the same plan).
    pub fn restore(&mut self, snapshot: &ink_sandbox::Snapshot) {
        self.client
            .backend
            .sandbox()
            .restore_snapshot(snapshot.clone());
    }

    /// The clock (ms).
    pub fn now(&mut self) -> Timestamp {
        self.client.backend.now()
    }

    /// Moves the clock forward.
    pub fn advance(&mut self, ms: Timestamp) {
        self.client.backend.advance(ms);
    }

    /// A fresh funded account, `n` distinguishing it.
    pub fn account(&mut self, n: u8) -> AccountId {
        let account = AccountId::from([
            0xa0, n, 0x5e, 0xed, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19,
            20, 21, 22, 23, 24, 25, 26, 27, 28,
        ]);
        if self.balance(account) == 0 {
            self.client.backend.mint(account, STARTING_BALANCE);
        }
        account
    }

    /// The sandbox runtime's existential deposit (what the contracts read as
    /// `minimum_balance`).
    pub fn existential_deposit() -> Balance {
        use drink::frame_support::traits::Get;
        type Runtime = <drink::minimal::MinimalSandbox as drink::Sandbox>::Runtime;
        <Runtime as drink::pallet_balances::Config>::ExistentialDeposit::get()
    }

    /// Whether code is stored (sanity of the deployment).
    pub fn code_exists(&mut self, hash: Hash) -> bool {
        self.client.backend.code_exists(hash).unwrap_or(false)
    }

    // ----- story helpers -------------------------------------------------------------------

    /// `candidate` applies and `vouchers` vouch him in (at least `vouches_required` of them).
    pub fn admit(&mut self, candidate: AccountId, vouchers: &[AccountId]) {
        let params = self.config.registry;
        self.ok(
            candidate,
            self.registry().apply(Hash::from([0x11; 32])),
            params.application_bond,
        );
        for voucher in vouchers {
            self.ok(
                *voucher,
                self.registry().vouch(candidate),
                params.vouch_bond,
            );
        }
        use interfaces::MemberRegistry;
        assert!(
            self.ask(self.registry().is_active(candidate)),
            "not admitted"
        );
    }

    /// `issuer` launches a token of [`SUPPLY`] (6 decimals, two-day decision period, no
    /// auto-approval).
    pub fn launch(&mut self, issuer: AccountId) -> Launched {
        self.launch_with(issuer, 2 * DAY, false)
    }

    /// `issuer` launches a token with the given decision period and `auto_approve`.
    pub fn launch_with(
        &mut self,
        issuer: AccountId,
        decision_period: Timestamp,
        auto_approve: bool,
    ) -> Launched {
        let (token, splitter) = self.ok(
            issuer,
            self.registry().launch_token(
                "Personal".into(),
                "PT".into(),
                6,
                SUPPLY,
                terms_hash(),
                decision_period,
                auto_approve,
            ),
            0,
        );
        Launched { token, splitter }
    }

    /// The issuer sells `amount` to `buyer` in a sold-out offering at `price_per_unit`.
    pub fn buy_in_offering(
        &mut self,
        launched: Launched,
        issuer: AccountId,
        buyer: AccountId,
        amount: Balance,
        price_per_unit: Balance,
    ) {
        let deadline = self.now() + 7 * DAY;
        let id = self.ok(
            issuer,
            self.token(launched.token).open_offering(
                amount,
                price_per_unit,
                0,
                deadline,
                Vec::new(),
            ),
            0,
        );
        self.ok(
            buyer,
            self.token(launched.token)
                .subscribe(id, amount, terms_hash()),
            amount * price_per_unit,
        );
        self.ok(buyer, self.token(launched.token).settle(id), 0);
    }

    /// `seller` sells `amount` to `buyer` for `price` with the issuer's approval.
    pub fn approved_sale(
        &mut self,
        launched: Launched,
        issuer: AccountId,
        seller: AccountId,
        buyer: AccountId,
        amount: Balance,
        price: Balance,
    ) {
        let id = self.ok(
            seller,
            self.token(launched.token)
                .request_transfer(buyer, amount, price),
            0,
        );
        if price > 0 {
            self.ok(buyer, self.token(launched.token).fund_request(id), price);
        }
        self.ok(issuer, self.token(launched.token).approve_transfer(id), 0);
    }

    /// Token balance.
    pub fn token_balance(&mut self, token: AccountId, owner: AccountId) -> Balance {
        use interfaces::PSP22;
        self.ask(self.token(token).balance_of(owner))
    }

    /// What `holder` can claim from `splitter`.
    pub fn claimable(&mut self, splitter: AccountId, holder: AccountId) -> Balance {
        self.ask(self.splitter(splitter).claimable(holder))
            .unwrap_or_else(|error| panic!("claimable: {error:?}"))
    }
}

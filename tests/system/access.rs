//! The access matrix: every state-changing message of every contract, in ONE table
//! ([`table`]), each either privileged (who may call it, and the typed error every other role
//! gets) or open to anyone (and why).
//!
//! - [`the_access_table_lists_exactly_the_mutating_messages_of_the_metadata`] reads every
//!   contract's metadata and fails if a mutating message is missing from the table or the table
//!   names one that does not exist: a new message cannot be forgotten silently.
//! - [`every_unauthorised_role_is_refused_with_its_typed_error_and_nothing_changes`] builds one
//!   world in which every role exists ([`cast_the_roles`]), snapshots it, and for every
//!   privileged row calls the message as every role that may not call it (from the same
//!   snapshot, so the roles' state is identical for every row): the exact typed error, the
//!   whole chain state root unchanged, and the caller's and the contract's free balances
//!   unchanged. The first permitted role then makes the same call successfully (positive
//!   control: the arguments are realistic and the refusals are about the caller). Open rows are
//!   called by the stranger and must answer what the row says.

use deploy::client::{contract, Message};
use governance::governance::GovernanceRef;
use governance::types::{DisputeKind, Remedy, FIRST_ROUND};
use ink::scale::{Decode, Encode};
use interfaces::{
    restriction, GovernanceError, IssuerRestraint, MemberEnforcement, PSP22Error,
    PayoutDistribution, PayoutHook, RegistryError, RosterChange, RosterError, RosterWriter,
    SplitterError, TokenError, TokenRemedies, PSP22,
};
use personal_token::personal_token::PersonalTokenRef;
use personal_token::types::AssetKind;
use roster::roster::Roster;
use std::collections::BTreeSet;
use std::time::Instant;
use system_tests::*;

// ----- shared with the bad-input tests -------------------------------------------------------

/// A contract of the suite, as its metadata names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Contract {
    PersonalToken,
    PayoutSplitter,
    Registry,
    Governance,
    Roster,
}

impl Contract {
    const ALL: [Contract; 5] = [
        Contract::PersonalToken,
        Contract::PayoutSplitter,
        Contract::Registry,
        Contract::Governance,
        Contract::Roster,
    ];

    /// The crate name: `target/ink/<name>/<name>.json`.
    fn name(self) -> &'static str {
        match self {
            Contract::PersonalToken => "personal_token",
            Contract::PayoutSplitter => "payout_splitter",
            Contract::Registry => "registry",
            Contract::Governance => "governance",
            Contract::Roster => "roster",
        }
    }
}

/// A contract's typed refusal (PSP22 messages keep `PSP22Error`).
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Refusal {
    Token(TokenError),
    Psp22(PSP22Error),
    Splitter(SplitterError),
    Registry(RegistryError),
    Governance(GovernanceError),
    Roster(RosterError),
}

impl From<RosterError> for Refusal {
    fn from(error: RosterError) -> Self {
        Refusal::Roster(error)
    }
}

impl From<TokenError> for Refusal {
    fn from(error: TokenError) -> Self {
        Refusal::Token(error)
    }
}

impl From<PSP22Error> for Refusal {
    fn from(error: PSP22Error) -> Self {
        Refusal::Psp22(error)
    }
}

impl From<SplitterError> for Refusal {
    fn from(error: SplitterError) -> Self {
        Refusal::Splitter(error)
    }
}

impl From<RegistryError> for Refusal {
    fn from(error: RegistryError) -> Self {
        Refusal::Registry(error)
    }
}

impl From<GovernanceError> for Refusal {
    fn from(error: GovernanceError) -> Self {
        Refusal::Governance(error)
    }
}

/// What a message answered, its value dropped.
pub(crate) type Reply = Result<(), Refusal>;

/// Sending a message and keeping only whether (and how) it was refused.
pub(crate) trait Attempt {
    /// Sends `message` as `caller` with `value`; `Err` carries the contract's typed error.
    fn attempt<Args: Encode, T, E>(
        &mut self,
        caller: AccountId,
        message: Message<Args, Result<T, E>>,
        value: Balance,
    ) -> Reply
    where
        Message<Args, Result<T, E>>: Clone,
        Result<T, E>: Decode,
        Refusal: From<E>;
}

impl Attempt for World {
    fn attempt<Args: Encode, T, E>(
        &mut self,
        caller: AccountId,
        message: Message<Args, Result<T, E>>,
        value: Balance,
    ) -> Reply
    where
        Message<Args, Result<T, E>>: Clone,
        Result<T, E>: Decode,
        Refusal: From<E>,
    {
        self.send(caller, message, value)
            .map(|_| ())
            .map_err(Refusal::from)
    }
}

/// The PSP22 error of ERC-1404 restriction `code`.
pub(crate) fn restricted(code: u8) -> Refusal {
    Refusal::Psp22(PSP22Error::Custom(format!(
        "ERC1404:{code}:{}",
        restriction::message(code)
    )))
}

/// The salt a juror uses in these tests.
pub(crate) fn salt_of(juror: AccountId) -> [u8; 32] {
    let bytes: &[u8; 32] = juror.as_ref();
    [bytes[1]; 32]
}

/// `juror`'s commitment to `vote` in `round` of `dispute`, with [`salt_of`].
pub(crate) fn commitment(dispute: u64, round: u8, juror: AccountId, vote: bool) -> Hash {
    governance::disputes::vote_commitment(dispute, round, juror, vote, salt_of(juror))
}

// ----- the roles -----------------------------------------------------------------------------

/// Who calls. The first six are the unauthorised roles of the issue; the others are the
/// parties some messages are reserved to (every one of them is also tried where it is not).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    /// A fresh funded account that never dealt with the network.
    Stranger,
    /// Holds $BOB (and payouts) but resigned: not a member.
    Holder,
    /// An active member with no token and no $BOB (Eve); the claimant of the dispute.
    Member,
    /// An active member who launched his own token, $DAVE (Dave); the accused of the dispute.
    OtherIssuer,
    /// Applied, one vouch of two, not admitted (Carol).
    Candidate,
    /// Expelled; still holds $BOB (Mallory).
    Expelled,
    /// $BOB's issuer (Bob).
    Issuer,
    /// An active member holding $BOB, seller of both requests (Alice).
    Seller,
    /// An active member, buyer of both requests (Charlie; in voucher cooldown since Mallory's
    /// expulsion).
    Buyer,
    /// The governance contract itself.
    Governance,
    /// The registry contract.
    Registry,
    /// $BOB's contract (the splitter's bound token).
    Token,
    /// The deployer (no power left after the plan).
    Deployer,
}

const ROLES: [Role; 13] = [
    Role::Stranger,
    Role::Holder,
    Role::Member,
    Role::OtherIssuer,
    Role::Candidate,
    Role::Expelled,
    Role::Issuer,
    Role::Seller,
    Role::Buyer,
    Role::Governance,
    Role::Registry,
    Role::Token,
    Role::Deployer,
];

/// The world every row starts from: every role exists, with the objects the rows act on.
struct Fixture {
    roles: Vec<(Role, AccountId)>,
    /// $BOB and its splitter: the token and splitter under test.
    bob: Launched,
    /// Ferdie: an active member outside the roles, the counterparty of new requests and
    /// transfers.
    counterparty: AccountId,
    /// An account that never existed: the new account of recoveries.
    newcomer: AccountId,
    /// Seller -> buyer, 1,000 units for 10 UNIT, not funded.
    unfunded: u64,
    /// Seller -> buyer, 2,000 units for 20 UNIT, funded.
    funded: u64,
    /// Price of one unit in $BOB's offerings.
    unit_price: Balance,
    /// An offering taking subscriptions.
    open_offering: u64,
    /// A cancelled offering in which the seller paid for 1,000 units.
    failed_offering: u64,
    /// A disclosed asset.
    asset: u64,
    /// A liquidation's gross proceeds and the holders' share of it.
    gross: Balance,
    share: Balance,
    /// The seller's $BOB balance (the splitter's record too).
    seller_balance: Balance,
    /// The member's dispute against the other issuer, in its evidence phase.
    dispute: u64,
    /// The seller's proposal (she voted for it), in its voting period.
    proposal: u64,
    suite: deploy::plan::Suite,
}

impl Fixture {
    fn account(&self, role: Role) -> AccountId {
        self.roles
            .iter()
            .find(|(r, _)| *r == role)
            .map(|(_, account)| *account)
            .unwrap_or_else(|| panic!("no account for {role:?}"))
    }

    fn address(&self, contract: Contract) -> AccountId {
        match contract {
            Contract::PersonalToken => self.bob.token,
            Contract::PayoutSplitter => self.bob.splitter,
            Contract::Registry => self.suite.registry,
            Contract::Governance => self.suite.governance,
            Contract::Roster => self.suite.roster,
        }
    }
}

/// Builds the one world of the matrix (see [`Role`] for who is who).
fn cast_the_roles() -> (World, Fixture) {
    let mut w = World::new();
    let c = w.cast;
    let stranger = w.account(1);
    let holder = w.account(2);
    let governance = w.suite.governance;
    let registry_params = w.config.registry;
    w.admit(holder, &[c.ferdie, c.bob]);
    w.admit(c.mallory, &[c.ferdie, c.charlie]);
    let bob = w.launch(c.bob);
    w.launch(c.dave);
    // $BOB's first offering sells to the seller, the future holder and the future expelled.
    let unit_price = 10_000_000;
    let seller_stake = SUPPLY / 100;
    let small_stake = SUPPLY / 1_000;
    let deadline = w.now() + 7 * DAY;
    let first = w.ok(
        c.bob,
        w.token(bob.token).open_offering(
            seller_stake + 2 * small_stake,
            unit_price,
            0,
            deadline,
            Vec::new(),
        ),
        0,
    );
    for (buyer, amount) in [
        (c.alice, seller_stake),
        (holder, small_stake),
        (c.mallory, small_stake),
    ] {
        w.ok(
            buyer,
            w.token(bob.token).subscribe(first, amount, terms_hash()),
            amount * unit_price,
        );
    }
    w.ok(c.ferdie, w.token(bob.token).settle(first), 0);
    // The holder leaves the network and keeps his tokens.
    w.ok(holder, w.registry().resign(), 0);
    w.advance(registry_params.resignation_cooldown);
    w.ok(holder, w.registry().complete_resignation(), 0);
    // Mallory is expelled: her bond and her vouchers' go to the treasury (she has no token).
    w.ok(governance, w.registry().expel(c.mallory), 0);
    // Carol applies; Alice vouches (one of the two vouches required).
    w.ok(
        c.carol,
        w.registry().apply(Hash::from([0xca; 32])),
        registry_params.application_bond,
    );
    w.ok(
        c.alice,
        w.registry().vouch(c.carol),
        registry_params.vouch_bond,
    );
    // Payouts to claim.
    w.ok(
        c.ferdie,
        w.splitter(bob.splitter).distribute(Hash::from([1; 32])),
        1_000 * UNIT,
    );
    // Two requests from the seller to the buyer.
    let unfunded = w.ok(
        c.alice,
        w.token(bob.token)
            .request_transfer(c.charlie, 1_000, 10 * UNIT),
        0,
    );
    let funded = w.ok(
        c.alice,
        w.token(bob.token)
            .request_transfer(c.charlie, 2_000, 20 * UNIT),
        0,
    );
    w.ok(
        c.charlie,
        w.token(bob.token).fund_request(funded),
        20 * UNIT,
    );
    // An asset, an open offering, and a failed one whose subscriber can refund.
    let asset = w.ok(
        c.bob,
        w.token(bob.token).disclose_asset(
            AssetKind::CompanyStake,
            Hash::from([2; 32]),
            5_000_000 * UNIT,
        ),
        0,
    );
    let deadline = w.now() + 7 * DAY;
    let open_offering = w.ok(
        c.bob,
        w.token(bob.token)
            .open_offering(SUPPLY / 100, unit_price, 0, deadline, Vec::new()),
        0,
    );
    let failed_offering = w.ok(
        c.bob,
        w.token(bob.token)
            .open_offering(SUPPLY / 100, unit_price, 0, deadline, Vec::new()),
        0,
    );
    w.ok(
        c.alice,
        w.token(bob.token)
            .subscribe(failed_offering, SUPPLY / 3_200, terms_hash()),
        SUPPLY / 3_200 * unit_price,
    );
    w.ok(
        c.bob,
        w.token(bob.token).cancel_offering(failed_offering),
        0,
    );
    // The member may spend 1,000 of the issuer's units.
    w.ok(c.bob, w.token(bob.token).approve(c.eve, 1_000), 0);
    // The member accuses the other issuer.
    let dispute = w.ok(
        c.eve,
        w.governance().open_dispute(
            c.dave,
            DisputeKind::UndisclosedLiquidation,
            Hash::from([3; 32]),
            Remedy::Expel,
        ),
        w.config.governance.dispute_bond,
    );
    // The seller proposes a parameter change and votes for it.
    let proposal = w.ok(
        c.alice,
        w.governance().propose(
            w.suite.registry,
            ink::selector_bytes!("set_params"),
            registry_params.encode(),
            0,
        ),
        0,
    );
    w.ok(c.alice, w.governance().vote(proposal, true), 0);
    // The bound token pays storage deposits when it calls as itself.
    w.client.backend.mint(bob.token, STARTING_BALANCE);
    let gross = 1_000_000 * UNIT;
    let share = w
        .ask(w.token(bob.token).holders_share(gross))
        .unwrap_or_else(|error| panic!("holders_share: {error:?}"));
    let seller_balance = w.token_balance(bob.token, c.alice);
    let fixture = Fixture {
        roles: vec![
            (Role::Stranger, stranger),
            (Role::Holder, holder),
            (Role::Member, c.eve),
            (Role::OtherIssuer, c.dave),
            (Role::Candidate, c.carol),
            (Role::Expelled, c.mallory),
            (Role::Issuer, c.bob),
            (Role::Seller, c.alice),
            (Role::Buyer, c.charlie),
            (Role::Governance, w.suite.governance),
            (Role::Registry, w.suite.registry),
            (Role::Token, bob.token),
            (Role::Deployer, c.deployer),
        ],
        bob,
        counterparty: c.ferdie,
        newcomer: AccountId::from([0x77; 32]),
        unfunded,
        funded,
        unit_price,
        open_offering,
        failed_offering,
        asset,
        gross,
        share,
        seller_balance,
        dispute,
        proposal,
        suite: w.suite,
    };
    (w, fixture)
}

// ----- the table -----------------------------------------------------------------------------

/// Who may call a message.
enum Access {
    /// Only `callers` may; of the fixture's roles, `allowed` (the first one is the positive
    /// control; an empty list means no role of the fixture may, e.g. a one-time wiring already
    /// done). Every other role gets `refusal(role)`.
    Privileged {
        callers: &'static str,
        allowed: &'static [Role],
        refusal: fn(Role) -> Refusal,
    },
    /// Anyone may; `reason` says why that is safe, and the fixture's stranger gets `stranger`.
    Open {
        reason: &'static str,
        stranger: Reply,
    },
}

/// Builds a call with realistic arguments and sends it as the given caller.
type Call = fn(&mut World, &Fixture, AccountId) -> Reply;

/// One state-changing message.
struct Row {
    contract: Contract,
    /// The label in the metadata (`spec.messages[].label`).
    label: &'static str,
    access: Access,
    /// Brings the snapshot to the state in which the permitted caller succeeds.
    given: Option<fn(&mut World, &Fixture)>,
    call: Call,
}

fn privileged(
    contract: Contract,
    label: &'static str,
    callers: &'static str,
    allowed: &'static [Role],
    refusal: fn(Role) -> Refusal,
    call: Call,
) -> Row {
    Row {
        contract,
        label,
        access: Access::Privileged {
            callers,
            allowed,
            refusal,
        },
        given: None,
        call,
    }
}

fn open(
    contract: Contract,
    label: &'static str,
    reason: &'static str,
    stranger: Reply,
    call: Call,
) -> Row {
    Row {
        contract,
        label,
        access: Access::Open { reason, stranger },
        given: None,
        call,
    }
}

impl Row {
    fn given(mut self, given: fn(&mut World, &Fixture)) -> Row {
        self.given = Some(given);
        self
    }
}

/// Every state-changing message of every contract.
fn table() -> Vec<Row> {
    use Contract::{Governance as G, PayoutSplitter as S, PersonalToken as T, Registry as R};
    use Role::*;
    let token_governance = |_| Refusal::Token(TokenError::NotGovernance);
    let issuer_only = |_| Refusal::Token(TokenError::NotIssuer);
    let registry_governance = |_| Refusal::Registry(RegistryError::NotGovernance);
    let governance_itself = |_| Refusal::Governance(GovernanceError::NotGovernance);
    vec![
        // ----- personal token ($BOB) -----
        privileged(
            T,
            "TokenRemedies::restrain",
            "the registry (an open case or a suspension of the issuer)",
            &[Registry],
            |_| Refusal::Token(TokenError::NotRegistry),
            |w, f, by| {
                let restraint = IssuerRestraint {
                    open_cases: 1,
                    suspended_until: 0,
                };
                w.attempt(by, w.token(f.bob.token).restrain(restraint), 0)
            },
        ),
        privileged(
            T,
            "withdraw_subscription",
            "a subscriber of an open offering, while the issuer is restrained",
            &[Seller],
            |_| Refusal::Token(TokenError::NothingToRefund),
            |w, f, by| {
                w.attempt(
                    by,
                    w.token(f.bob.token).withdraw_subscription(f.open_offering),
                    0,
                )
            },
        )
        .given(|w, f| {
            let seller = f.account(Seller);
            w.ok(
                seller,
                w.token(f.bob.token)
                    .subscribe(f.open_offering, SUPPLY / 3_200, terms_hash()),
                SUPPLY / 3_200 * f.unit_price,
            );
            let restraint = IssuerRestraint {
                open_cases: 1,
                suspended_until: 0,
            };
            w.ok(
                f.suite.registry,
                w.token(f.bob.token).restrain(restraint),
                0,
            );
        }),
        privileged(
            T,
            "wire",
            "the instantiator, once (the registry's factory did)",
            &[],
            |_| Refusal::Token(TokenError::AlreadyWired),
            |w, f, by| {
                w.attempt(
                    by,
                    w.token(f.bob.token)
                        .wire(
                            f.suite.registry,
                            f.bob.splitter,
                            f.suite.governance,
                            f.suite.roster,
                        ),
                    0,
                )
            },
        ),
        privileged(
            T,
            "set_code",
            "governance (a constitutional proposal: supermajority, upgrade timelock, exits open)",
            &[Governance],
            token_governance,
            |w, f, by| w.attempt(by, w.token(f.bob.token).set_code(f.suite.token_code), 0),
        ),
        privileged(
            T,
            "request_transfer",
            "an active member holding unlocked tokens, not the issuer",
            &[Seller],
            |role| match role {
                Issuer => Refusal::Token(TokenError::IssuerNotAllowed),
                Member | OtherIssuer | Buyer => {
                    Refusal::Token(TokenError::InsufficientUnlockedBalance)
                }
                _ => Refusal::Token(TokenError::Restricted(restriction::SENDER_NOT_MEMBER)),
            },
            |w, f, by| {
                w.attempt(
                    by,
                    w.token(f.bob.token)
                        .request_transfer(f.counterparty, 100, UNIT),
                    0,
                )
            },
        ),
        privileged(
            T,
            "fund_request",
            "the request's buyer",
            &[Buyer],
            |_| Refusal::Token(TokenError::NotBuyer),
            |w, f, by| w.attempt(by, w.token(f.bob.token).fund_request(f.unfunded), 10 * UNIT),
        ),
        privileged(
            T,
            "withdraw_funding",
            "the request's buyer",
            &[Buyer],
            |_| Refusal::Token(TokenError::NotBuyer),
            |w, f, by| w.attempt(by, w.token(f.bob.token).withdraw_funding(f.funded), 0),
        ),
        privileged(
            T,
            "approve_transfer",
            "the issuer",
            &[Issuer],
            issuer_only,
            |w, f, by| w.attempt(by, w.token(f.bob.token).approve_transfer(f.funded), 0),
        ),
        open(
            T,
            "execute_transfer",
            "open: it only executes what the issuer (or his silence) approved and the buyer paid",
            Err(Refusal::Token(TokenError::NotApproved)),
            |w, f, by| w.attempt(by, w.token(f.bob.token).execute_transfer(f.unfunded), 0),
        ),
        privileged(
            T,
            "reject_transfer",
            "the issuer",
            &[Issuer],
            issuer_only,
            |w, f, by| {
                w.attempt(
                    by,
                    w.token(f.bob.token)
                        .reject_transfer(f.funded, "price too low".into()),
                    0,
                )
            },
        ),
        privileged(
            T,
            "exercise_first_refusal",
            "the issuer",
            &[Issuer],
            issuer_only,
            |w, f, by| {
                w.attempt(
                    by,
                    w.token(f.bob.token).exercise_first_refusal(f.funded),
                    20 * UNIT,
                )
            },
        ),
        privileged(
            T,
            "cancel_request",
            "the seller (anyone after the settlement deadline)",
            &[Seller],
            |_| Refusal::Token(TokenError::NotSeller),
            |w, f, by| w.attempt(by, w.token(f.bob.token).cancel_request(f.funded), 0),
        ),
        privileged(
            T,
            "open_offering",
            "the issuer",
            &[Issuer],
            issuer_only,
            |w, f, by| {
                let deadline = w.now() + 7 * DAY;
                w.attempt(
                    by,
                    w.token(f.bob.token).open_offering(
                        SUPPLY / 100,
                        f.unit_price,
                        0,
                        deadline,
                        Vec::new(),
                    ),
                    0,
                )
            },
        ),
        privileged(
            T,
            "subscribe",
            "an active member other than the issuer",
            &[Member, OtherIssuer, Seller, Buyer],
            |role| match role {
                Issuer => Refusal::Token(TokenError::IssuerNotAllowed),
                _ => Refusal::Token(TokenError::Restricted(restriction::RECEIVER_NOT_MEMBER)),
            },
            |w, f, by| {
                w.attempt(
                    by,
                    w.token(f.bob.token)
                        .subscribe(f.open_offering, SUPPLY / 3_200, terms_hash()),
                    SUPPLY / 3_200 * f.unit_price,
                )
            },
        ),
        open(
            T,
            "settle",
            "open: it only settles a closed offering by its published terms",
            Err(Refusal::Token(TokenError::OfferingStillOpen)),
            |w, f, by| w.attempt(by, w.token(f.bob.token).settle(f.open_offering), 0),
        ),
        privileged(
            T,
            "cancel_offering",
            "the issuer",
            &[Issuer],
            issuer_only,
            |w, f, by| w.attempt(by, w.token(f.bob.token).cancel_offering(f.open_offering), 0),
        ),
        privileged(
            T,
            "refund",
            "a subscriber of a failed offering (his own payment)",
            &[Seller],
            |_| Refusal::Token(TokenError::NothingToRefund),
            |w, f, by| w.attempt(by, w.token(f.bob.token).refund(f.failed_offering), 0),
        ),
        privileged(
            T,
            "disclose_asset",
            "the issuer",
            &[Issuer],
            issuer_only,
            |w, f, by| {
                w.attempt(
                    by,
                    w.token(f.bob.token).disclose_asset(
                        AssetKind::RealEstate,
                        Hash::from([4; 32]),
                        750_000 * UNIT,
                    ),
                    0,
                )
            },
        ),
        privileged(
            T,
            "revalue",
            "the issuer",
            &[Issuer],
            issuer_only,
            |w, f, by| {
                w.attempt(
                    by,
                    w.token(f.bob.token).revalue(f.asset, 6_000_000 * UNIT),
                    0,
                )
            },
        ),
        privileged(
            T,
            "report_liquidation",
            "the issuer",
            &[Issuer],
            issuer_only,
            |w, f, by| {
                w.attempt(
                    by,
                    w.token(f.bob.token).report_liquidation(f.asset, f.gross),
                    f.share,
                )
            },
        ),
        privileged(
            T,
            "PSP22::transfer",
            "the issuer (his own tokens, to active members); holders sell by request",
            &[Issuer],
            |role| match role {
                Member | OtherIssuer | Seller | Buyer => restricted(restriction::APPROVAL_REQUIRED),
                _ => restricted(restriction::SENDER_NOT_MEMBER),
            },
            |w, f, by| {
                w.attempt(
                    by,
                    w.token(f.bob.token)
                        .transfer(f.counterparty, 100, Vec::new()),
                    0,
                )
            },
        ),
        privileged(
            T,
            "PSP22::transfer_from",
            "a spender within the issuer's allowance (or the issuer)",
            &[Member, Issuer],
            |_| Refusal::Psp22(PSP22Error::InsufficientAllowance),
            |w, f, by| {
                let issuer = f.account(Issuer);
                w.attempt(
                    by,
                    w.token(f.bob.token)
                        .transfer_from(issuer, f.counterparty, 100, Vec::new()),
                    0,
                )
            },
        ),
        open(
            T,
            "PSP22::approve",
            "open: it only sets the caller's own allowance; holders' tokens move by request only",
            Ok(()),
            |w, f, by| w.attempt(by, w.token(f.bob.token).approve(f.counterparty, 100), 0),
        ),
        open(
            T,
            "PSP22::increase_allowance",
            "open: it only raises the caller's own allowance",
            Ok(()),
            |w, f, by| {
                w.attempt(
                    by,
                    w.token(f.bob.token).increase_allowance(f.counterparty, 100),
                    0,
                )
            },
        ),
        open(
            T,
            "PSP22::decrease_allowance",
            "open: it only lowers the caller's own allowance",
            Err(Refusal::Psp22(PSP22Error::InsufficientAllowance)),
            |w, f, by| {
                w.attempt(
                    by,
                    w.token(f.bob.token).decrease_allowance(f.counterparty, 100),
                    0,
                )
            },
        ),
        privileged(
            T,
            "TokenRemedies::freeze",
            "governance (a ruling; no proposal may call it), or the registry enforcing an expulsion",
            &[Governance, Registry],
            |_| Refusal::Token(TokenError::NotGovernanceOrRegistry),
            |w, f, by| w.attempt(by, w.token(f.bob.token).freeze(), 0),
        ),
        privileged(
            T,
            "TokenRemedies::unfreeze",
            "governance (a ruling; no proposal may call it)",
            &[Governance],
            token_governance,
            |w, f, by| w.attempt(by, w.token(f.bob.token).unfreeze(), 0),
        )
        .given(|w, f| {
            let governance = f.suite.governance;
            w.ok(governance, w.token(f.bob.token).freeze(), 0);
        }),
        privileged(
            T,
            "TokenRemedies::recover",
            "governance (a recovery ruling; no proposal may call it)",
            &[Governance],
            token_governance,
            |w, f, by| {
                w.attempt(
                    by,
                    w.token(f.bob.token).recover(f.account(Holder), f.newcomer),
                    0,
                )
            },
        ),
        // ----- payout splitter ($BOB's) -----
        open(
            S,
            "distribute_over",
            "open: anyone may stream money to the holders",
            Ok(()),
            |w, f, by| {
                w.attempt(
                    by,
                    w.splitter(f.bob.splitter)
                        .distribute_over(10 * DAY, Hash::from([5; 32])),
                    100 * UNIT,
                )
            },
        ),
        privileged(
            S,
            "end_stream",
            "the token's issuer (the stream's remainder goes to the holders at once)",
            &[Issuer],
            |_| Refusal::Splitter(SplitterError::NotIssuer),
            |w, f, by| w.attempt(by, w.splitter(f.bob.splitter).end_stream(0), 0),
        )
        .given(|w, f| {
            w.ok(
                f.account(Member),
                w.splitter(f.bob.splitter)
                    .distribute_over(10 * DAY, Hash::from([5; 32])),
                100 * UNIT,
            );
        }),
        privileged(
            S,
            "claim",
            "a holder or former holder, for what he is owed",
            &[Seller, Holder, Expelled],
            |_| Refusal::Splitter(SplitterError::NothingToClaim),
            |w, f, by| w.attempt(by, w.splitter(f.bob.splitter).claim(), 0),
        ),
        open(
            S,
            "claim_for",
            "open: anyone may push a holder's payout to that holder",
            Ok(()),
            |w, f, by| {
                w.attempt(
                    by,
                    w.splitter(f.bob.splitter).claim_for(f.account(Seller)),
                    0,
                )
            },
        ),
        open(
            S,
            "PayoutDistribution::distribute",
            "open: anyone may pay into a splitter",
            Ok(()),
            |w, f, by| {
                w.attempt(
                    by,
                    w.splitter(f.bob.splitter).distribute(Hash::from([6; 32])),
                    1_000 * UNIT,
                )
            },
        ),
        privileged(
            S,
            "PayoutHook::on_balance_change",
            "the bound token",
            &[Token],
            |_| Refusal::Splitter(SplitterError::NotToken),
            |w, f, by| {
                w.attempt(
                    by,
                    w.splitter(f.bob.splitter).on_balance_change(interfaces::BalanceChange {
                        from: f.account(Seller),
                        from_before: f.seller_balance,
                        to: f.counterparty,
                        to_before: 0,
                        amount: 100,
                    }),
                    0,
                )
            },
        ),
        privileged(
            Contract::Roster,
            "RosterWriter::apply",
            "the registry that instantiated it",
            &[Registry],
            |_| Refusal::Roster(RosterError::NotWriter),
            |w, f, by| {
                w.attempt(
                    by,
                    contract::<Roster>(f.suite.roster).apply(vec![RosterChange::Vouched {
                        voucher: f.account(Seller),
                        subject: f.counterparty,
                    }]),
                    0,
                )
            },
        ),
        privileged(
            S,
            "PayoutHook::on_recovery",
            "the bound token",
            &[Token],
            |_| Refusal::Splitter(SplitterError::NotToken),
            |w, f, by| {
                w.attempt(
                    by,
                    w.splitter(f.bob.splitter)
                        .on_recovery(f.account(Holder), f.newcomer),
                    0,
                )
            },
        ),
        // ----- registry -----
        privileged(
            R,
            "apply",
            "an account neither a member (of any status) nor a candidate",
            &[Stranger, Governance, Registry, Token, Deployer],
            |role| match role {
                Candidate => Refusal::Registry(RegistryError::AlreadyCandidate),
                Expelled => Refusal::Registry(RegistryError::Expelled),
                _ => Refusal::Registry(RegistryError::AlreadyMember),
            },
            |w, _, by| {
                let bond = w.config.registry.application_bond;
                w.attempt(by, w.registry().apply(Hash::from([7; 32])), bond)
            },
        ),
        privileged(
            R,
            "vouch",
            "an active member, not in cooldown, once per application",
            &[Member, OtherIssuer, Issuer],
            |role| match role {
                Seller => Refusal::Registry(RegistryError::AlreadyVouched),
                Buyer => Refusal::Registry(RegistryError::VoucherInCooldown),
                _ => Refusal::Registry(RegistryError::NotActiveMember),
            },
            |w, f, by| {
                let bond = w.config.registry.vouch_bond;
                w.attempt(by, w.registry().vouch(f.account(Candidate)), bond)
            },
        ),
        privileged(
            R,
            "withdraw_application",
            "a candidate",
            &[Candidate],
            |_| Refusal::Registry(RegistryError::NotCandidate),
            |w, _, by| w.attempt(by, w.registry().withdraw_application(), 0),
        ),
        privileged(
            R,
            "release_vouch",
            "a voucher of the subject, once his bond is free",
            &[Issuer],
            |_| Refusal::Registry(RegistryError::NothingToRelease),
            |w, f, by| w.attempt(by, w.registry().release_vouch(f.account(Holder)), 0),
        ),
        privileged(
            R,
            "resign",
            "an active member without a token",
            &[Member, Seller, Buyer],
            |role| match role {
                OtherIssuer | Issuer => Refusal::Registry(RegistryError::HasToken),
                _ => Refusal::Registry(RegistryError::NotActiveMember),
            },
            |w, _, by| w.attempt(by, w.registry().resign(), 0),
        ),
        privileged(
            R,
            "complete_resignation",
            "a resigning member after the cooldown",
            &[Member],
            |role| match role {
                Stranger | Candidate | Governance | Registry | Token | Deployer => {
                    Refusal::Registry(RegistryError::NotMember)
                }
                _ => Refusal::Registry(RegistryError::NotResigning),
            },
            |w, _, by| w.attempt(by, w.registry().complete_resignation(), 0),
        )
        .given(|w, f| {
            w.ok(f.account(Member), w.registry().resign(), 0);
            w.advance(w.config.registry.resignation_cooldown);
        }),
        privileged(
            R,
            "launch_token",
            "an active member without a token",
            &[Member, Seller, Buyer],
            |role| match role {
                OtherIssuer | Issuer => Refusal::Registry(RegistryError::AlreadyHasToken),
                _ => Refusal::Registry(RegistryError::NotActiveMember),
            },
            |w, _, by| {
                w.attempt(
                    by,
                    w.registry().launch_token(
                        "Member".into(),
                        "MBR".into(),
                        6,
                        SUPPLY,
                        terms_hash(),
                        2 * DAY,
                        false,
                    ),
                    0,
                )
            },
        ),
        privileged(
            R,
            "set_params",
            "governance (a constitutional proposal: supermajority, upgrade timelock)",
            &[Governance],
            registry_governance,
            |w, _, by| {
                let mut params = w.config.registry;
                params.vouches_required = 3;
                w.attempt(by, w.registry().set_params(params), 0)
            },
        ),
        privileged(
            R,
            "set_code_hashes",
            "governance (a constitutional proposal: supermajority, upgrade timelock)",
            &[Governance],
            registry_governance,
            |w, f, by| {
                w.attempt(
                    by,
                    w.registry()
                        .set_code_hashes(f.suite.token_code, f.suite.splitter_code),
                    0,
                )
            },
        ),
        privileged(
            R,
            "set_code",
            "governance (a constitutional proposal: supermajority, upgrade timelock, exits open)",
            &[Governance],
            registry_governance,
            |w, f, by| w.attempt(by, w.registry().set_code(f.suite.registry_code), 0),
        ),
        privileged(
            R,
            "withdraw_treasury",
            "governance (an ordinary proposal: a treasury grant)",
            &[Governance],
            registry_governance,
            |w, f, by| {
                w.attempt(
                    by,
                    w.registry().withdraw_treasury(f.counterparty, 100 * UNIT),
                    0,
                )
            },
        ),
        privileged(
            R,
            "MemberEnforcement::suspend",
            "governance (a ruling; no proposal may call it)",
            &[Governance],
            registry_governance,
            |w, f, by| {
                let until = w.now() + 10 * DAY;
                w.attempt(by, w.registry().suspend(f.account(Member), until), 0)
            },
        ),
        privileged(
            R,
            "MemberEnforcement::reinstate",
            "governance (a ruling; no proposal may call it)",
            &[Governance],
            registry_governance,
            |w, f, by| w.attempt(by, w.registry().reinstate(f.account(Member)), 0),
        )
        .given(|w, f| {
            let until = w.now() + 10 * DAY;
            w.ok(
                f.suite.governance,
                w.registry().suspend(f.account(Member), until),
                0,
            );
        }),
        privileged(
            R,
            "MemberEnforcement::open_case",
            "governance (a misconduct dispute opening)",
            &[Governance],
            registry_governance,
            |w, f, by| w.attempt(by, w.registry().open_case(f.account(Member)), 0),
        ),
        privileged(
            R,
            "MemberEnforcement::close_case",
            "governance (a misconduct ruling executing)",
            &[Governance],
            registry_governance,
            |w, f, by| w.attempt(by, w.registry().close_case(f.account(OtherIssuer)), 0),
        ),
        privileged(
            R,
            "MemberEnforcement::expel",
            "governance (a ruling; no proposal may call it)",
            &[Governance],
            registry_governance,
            |w, f, by| w.attempt(by, w.registry().expel(f.account(OtherIssuer)), 0),
        ),
        privileged(
            R,
            "MemberEnforcement::expel_closing_case",
            "governance (a ruling of expulsion; no proposal may call it)",
            &[Governance],
            registry_governance,
            // The other issuer's case is open: the member's dispute against him.
            |w, f, by| {
                w.attempt(
                    by,
                    w.registry().expel_closing_case(f.account(OtherIssuer)),
                    0,
                )
            },
        ),
        // ----- governance -----
        privileged(
            G,
            "wire",
            "the instantiator, once (the plan did)",
            &[],
            |_| Refusal::Governance(GovernanceError::AlreadyWired),
            |w, f, by| w.attempt(by, w.governance().wire(f.suite.registry), 0),
        ),
        privileged(
            G,
            "set_params",
            "governance itself (a constitutional proposal, within the floors)",
            &[Governance],
            governance_itself,
            |w, _, by| {
                let mut params = w.config.governance;
                params.timelock = 3 * DAY;
                w.attempt(by, w.governance().set_params(params), 0)
            },
        ),
        privileged(
            G,
            "set_code",
            "governance itself (a constitutional proposal: exits open at every token)",
            &[Governance],
            governance_itself,
            |w, f, by| w.attempt(by, w.governance().set_code(f.suite.governance_code), 0),
        ),
        privileged(
            G,
            "open_dispute",
            "an active member other than the accused (a key recovery: anyone)",
            &[Member, Issuer, Seller, Buyer],
            |role| match role {
                OtherIssuer => Refusal::Governance(GovernanceError::CannotAccuseSelf),
                _ => Refusal::Governance(GovernanceError::NotActiveMember),
            },
            |w, f, by| {
                let bond = w.config.governance.dispute_bond;
                w.attempt(
                    by,
                    w.governance().open_dispute(
                        f.account(OtherIssuer),
                        DisputeKind::MisreportedProceeds,
                        Hash::from([8; 32]),
                        Remedy::Suspend { duration: 30 * DAY },
                    ),
                    bond,
                )
            },
        ),
        privileged(
            G,
            "submit_evidence",
            "the claimant or the accused",
            &[Member, OtherIssuer],
            |_| Refusal::Governance(GovernanceError::NotParty),
            |w, f, by| {
                w.attempt(
                    by,
                    w.governance()
                        .submit_evidence(f.dispute, Hash::from([9; 32])),
                    0,
                )
            },
        ),
        privileged(
            G,
            "commit_vote",
            "an active member other than the parties, the accused's vouchers and holders",
            &[Issuer, Seller, Buyer],
            |role| match role {
                Member | OtherIssuer => Refusal::Governance(GovernanceError::JurorExcluded),
                _ => Refusal::Governance(GovernanceError::NotActiveMember),
            },
            |w, f, by| {
                w.attempt(
                    by,
                    w.governance()
                        .commit_vote(f.dispute, commitment(f.dispute, FIRST_ROUND, by, true)),
                    w.config.governance.juror_deposit,
                )
            },
        )
        .given(|w, _| w.advance(w.config.governance.evidence_period)),
        privileged(
            G,
            "reveal_vote",
            "a juror who committed",
            &[Issuer],
            |_| Refusal::Governance(GovernanceError::NotCommitted),
            |w, f, by| {
                w.attempt(
                    by,
                    w.governance().reveal_vote(f.dispute, true, salt_of(by)),
                    0,
                )
            },
        )
        .given(|w, f| {
            let juror = f.account(Issuer);
            w.advance(w.config.governance.evidence_period);
            w.ok(
                juror,
                w.governance()
                    .commit_vote(f.dispute, commitment(f.dispute, FIRST_ROUND, juror, true)),
                w.config.governance.juror_deposit,
            );
            w.advance(w.config.governance.commit_period);
        }),
        privileged(
            G,
            "appeal",
            "the losing side of round 1, in the appeal window",
            &[OtherIssuer],
            |_| Refusal::Governance(GovernanceError::AppealNotAllowed),
            |w, f, by| {
                let bond = w.config.governance.appeal_bond;
                w.attempt(by, w.governance().appeal(f.dispute), bond)
            },
        )
        .given(|w, f| {
            let jurors = [f.account(Issuer), f.account(Seller), f.account(Buyer)];
            let params = w.config.governance;
            w.advance(params.evidence_period);
            for juror in jurors {
                w.ok(
                    juror,
                    w.governance()
                        .commit_vote(f.dispute, commitment(f.dispute, FIRST_ROUND, juror, true)),
                    w.config.governance.juror_deposit,
                );
            }
            w.advance(params.commit_period);
            for juror in jurors {
                w.ok(
                    juror,
                    w.governance().reveal_vote(f.dispute, true, salt_of(juror)),
                    0,
                );
            }
            w.advance(params.reveal_period);
        }),
        open(
            G,
            "execute_ruling",
            "open: it only executes a final ruling, once",
            Err(Refusal::Governance(GovernanceError::NotFinal)),
            |w, f, by| w.attempt(by, w.governance().execute_ruling(f.dispute), 0),
        ),
        privileged(
            G,
            "contest_recovery",
            "the lost account of a key recovery, before it is final",
            &[Seller],
            |_| Refusal::Governance(GovernanceError::NotContestable),
            |w, f, by| w.attempt(by, w.governance().contest_recovery(f.dispute + 1), 0),
        )
        .given(|w, f| {
            // The stranger claims to be the seller's new key.
            let (stranger, seller) = (f.account(Stranger), f.account(Seller));
            let recovery = w.ok(
                stranger,
                w.governance().open_dispute(
                    seller,
                    DisputeKind::KeyRecovery,
                    Hash::from([4; 32]),
                    Remedy::Recover {
                        token: f.bob.token,
                        lost: seller,
                        new_account: stranger,
                    },
                ),
                w.config.governance.dispute_bond,
            );
            assert_eq!(recovery, f.dispute + 1);
        }),
        privileged(
            G,
            "claim_juror_reward",
            "a juror who revealed with the final ruling (a share of the forfeited deposits)",
            &[Issuer, Seller, Buyer],
            |_| Refusal::Governance(GovernanceError::NothingToClaim),
            |w, f, by| w.attempt(by, w.governance().claim_juror_reward(f.dispute), 0),
        )
        .given(|w, f| {
            // Four commit, the counterparty withholds his reveal and forfeits his deposit.
            let revealing = [f.account(Issuer), f.account(Seller), f.account(Buyer)];
            let params = w.config.governance;
            w.advance(params.evidence_period);
            for juror in revealing.into_iter().chain([f.counterparty]) {
                w.ok(
                    juror,
                    w.governance()
                        .commit_vote(f.dispute, commitment(f.dispute, FIRST_ROUND, juror, true)),
                    params.juror_deposit,
                );
            }
            w.advance(params.commit_period);
            for juror in revealing {
                w.ok(
                    juror,
                    w.governance().reveal_vote(f.dispute, true, salt_of(juror)),
                    0,
                );
            }
            w.advance(params.reveal_period + params.appeal_period);
            w.ok(f.counterparty, w.governance().execute_ruling(f.dispute), 0);
        }),
        privileged(
            G,
            "propose",
            "an active member whose tenure is served; allowlisted calls only",
            &[Member, OtherIssuer, Issuer, Seller, Buyer],
            |_| Refusal::Governance(GovernanceError::NotActiveMember),
            |w, f, by| {
                let mut params = w.config.registry;
                params.vouch_bond = 600 * UNIT;
                w.attempt(
                    by,
                    w.governance().propose(
                        f.suite.registry,
                        ink::selector_bytes!("set_params"),
                        params.encode(),
                        0,
                    ),
                    0,
                )
            },
        ),
        privileged(
            G,
            "vote",
            "a member whose rights began before the proposal, once, in the voting period",
            &[Member, OtherIssuer, Issuer, Buyer],
            |role| match role {
                Seller => Refusal::Governance(GovernanceError::AlreadyVoted),
                _ => Refusal::Governance(GovernanceError::NotActiveMember),
            },
            |w, f, by| w.attempt(by, w.governance().vote(f.proposal, true), 0),
        ),
        privileged(
            G,
            "veto",
            "a member whose rights began before the proposal, once, in its timelock",
            &[Member, OtherIssuer, Issuer, Seller, Buyer],
            |_| Refusal::Governance(GovernanceError::NotActiveMember),
            |w, f, by| w.attempt(by, w.governance().veto(f.proposal), 0),
        )
        .given(|w, f| {
            // Two more votes pass the seller's proposal; its vote ends: in its timelock.
            for voter in [f.account(Issuer), f.account(Buyer)] {
                w.ok(voter, w.governance().vote(f.proposal, true), 0);
            }
            w.advance(w.config.governance.proposal_voting_period);
        }),
        privileged(
            G,
            "cancel",
            "its proposer, before it is executed",
            &[Seller],
            |_| Refusal::Governance(GovernanceError::NotProposer),
            |w, f, by| w.attempt(by, w.governance().cancel(f.proposal), 0),
        ),
        open(
            G,
            "execute",
            "open: it only executes a passed proposal after its timelock, once",
            Err(Refusal::Governance(GovernanceError::VotingOpen)),
            |w, f, by| w.attempt(by, w.governance().execute(f.proposal), 0),
        ),
    ]
}

// ----- the tests -----------------------------------------------------------------------------

/// `(contract, label)` of every mutating message in the contracts' metadata.
fn mutating_messages_in_metadata() -> BTreeSet<(Contract, String)> {
    let dir = deploy::artifacts::default_dir();
    let mut messages = BTreeSet::new();
    for contract in Contract::ALL {
        let name = contract.name();
        let path = dir.join(name).join(format!("{name}.json"));
        let text = std::fs::read_to_string(&path)
            .unwrap_or_else(|error| panic!("{}: {error} (run `make build`)", path.display()));
        let metadata: serde_json::Value = serde_json::from_str(&text)
            .unwrap_or_else(|error| panic!("{}: {error}", path.display()));
        let listed = metadata["spec"]["messages"]
            .as_array()
            .unwrap_or_else(|| panic!("{}: no spec.messages", path.display()));
        for message in listed {
            let label = message["label"]
                .as_str()
                .unwrap_or_else(|| panic!("{}: a message without a label", path.display()));
            if message["mutates"].as_bool() == Some(true) {
                messages.insert((contract, label.to_owned()));
            }
        }
    }
    messages
}

#[test]
fn the_access_table_lists_exactly_the_mutating_messages_of_the_metadata() {
    let rows = table();
    let listed: BTreeSet<(Contract, String)> = rows
        .iter()
        .map(|row| (row.contract, row.label.to_owned()))
        .collect();
    assert_eq!(listed.len(), rows.len(), "a message is listed twice");
    let in_metadata = mutating_messages_in_metadata();
    let missing: Vec<_> = in_metadata.difference(&listed).collect();
    let unknown: Vec<_> = listed.difference(&in_metadata).collect();
    assert!(
        missing.is_empty() && unknown.is_empty(),
        "the access table is out of date.\n  mutating messages missing from it: {missing:?}\n  \
         rows naming no mutating message: {unknown:?}"
    );
    for row in &rows {
        match &row.access {
            Access::Privileged {
                callers, allowed, ..
            } => {
                assert!(!callers.is_empty(), "{}: who may call it?", row.label);
                let distinct: Vec<_> = allowed
                    .iter()
                    .filter(|role| allowed.iter().filter(|r| r == role).count() == 1)
                    .collect();
                assert_eq!(distinct.len(), allowed.len(), "{}: a role twice", row.label);
            }
            Access::Open { reason, .. } => {
                assert!(reason.starts_with("open: "), "{}: why open?", row.label);
            }
        }
    }
}

/// One refused call: the typed error, the state root, and both free balances.
fn check_refusal(
    world: &mut World,
    fixture: &Fixture,
    row: &Row,
    role: Role,
    expected: &Reply,
) -> Option<String> {
    let caller = fixture.account(role);
    let contract = fixture.address(row.contract);
    let root = world.state_root();
    let (caller_before, contract_before) = (world.balance(caller), world.balance(contract));
    let got = (row.call)(world, fixture, caller);
    let (caller_after, contract_after) = (world.balance(caller), world.balance(contract));
    let name = format!("{}::{} as {role:?}", row.contract.name(), row.label);
    if &got != expected {
        return Some(format!("{name}: expected {expected:?}, got {got:?}"));
    }
    if got.is_err() {
        if world.state_root() != root {
            return Some(format!(
                "{name}: refused ({got:?}) but the chain state changed"
            ));
        }
        if caller_after != caller_before || contract_after != contract_before {
            return Some(format!(
                "{name}: refused but balances moved: caller {caller_before} -> {caller_after}, \
                 contract {contract_before} -> {contract_after}"
            ));
        }
    }
    None
}

#[test]
fn every_unauthorised_role_is_refused_with_its_typed_error_and_nothing_changes() {
    let started = Instant::now();
    let (mut world, fixture) = cast_the_roles();
    let base = world.snapshot();
    let setup_time = started.elapsed();
    let mut failures = Vec::new();
    let (mut refused, mut permitted, mut open_calls) = (0usize, 0usize, 0usize);
    let rows = table();
    for row in &rows {
        world.restore(&base);
        if let Some(given) = row.given {
            given(&mut world, &fixture);
        }
        let state = world.snapshot();
        match &row.access {
            Access::Privileged {
                allowed, refusal, ..
            } => {
                for role in ROLES {
                    let expected = if allowed.first() == Some(&role) {
                        permitted += 1;
                        Ok(())
                    } else if allowed.contains(&role) {
                        continue;
                    } else {
                        refused += 1;
                        Err(refusal(role))
                    };
                    world.restore(&state);
                    failures.extend(check_refusal(&mut world, &fixture, row, role, &expected));
                }
            }
            Access::Open { stranger, .. } => {
                open_calls += 1;
                world.restore(&state);
                failures.extend(check_refusal(
                    &mut world,
                    &fixture,
                    row,
                    Role::Stranger,
                    stranger,
                ));
            }
        }
    }
    let privileged_rows = rows
        .iter()
        .filter(|row| matches!(row.access, Access::Privileged { .. }))
        .count();
    println!(
        "access matrix: {} rows ({privileged_rows} privileged, {} open), {refused} refused calls \
         checked (typed error, state root, caller and contract balances), {permitted} permitted \
         calls, {open_calls} open calls by a stranger; world {:.1?}, total {:.1?}",
        rows.len(),
        rows.len() - privileged_rows,
        setup_time,
        started.elapsed()
    );
    assert!(
        failures.is_empty(),
        "{} of the matrix's calls went wrong:\n  {}",
        failures.len(),
        failures.join("\n  ")
    );
}

/// The one-time wiring of `wire`, which the matrix sees only after it was used.
#[test]
fn only_the_instantiator_wires_a_fresh_token_or_governance_and_only_once() {
    let mut world = World::new();
    let c = world.cast;
    let stranger = world.account(1);
    let suite = world.suite;
    let token = world
        .client
        .instantiate(
            "a token outside the factory",
            c.deployer,
            suite.token_code,
            PersonalTokenRef::new(
                c.alice,
                "Loose".into(),
                "LSE".into(),
                6,
                SUPPLY,
                terms_hash(),
                2 * DAY,
                false,
            ),
            0,
            vec![1],
        )
        .unwrap_or_else(|error| panic!("{error}"));
    let wire = |world: &World| {
        world
            .token(token)
            .wire(suite.registry, stranger, suite.governance, suite.roster)
    };
    for caller in [stranger, c.alice, suite.registry, suite.governance] {
        assert_eq!(
            world.refused(caller, wire(&world), 0),
            TokenError::NotWiringAuthority
        );
    }
    assert_eq!(
        world.ask(world.token(token).wiring_authority()),
        Some(c.deployer)
    );
    world.ok(c.deployer, wire(&world), 0);
    assert_eq!(world.ask(world.token(token).wiring_authority()), None);
    assert_eq!(
        world.refused(c.deployer, wire(&world), 0),
        TokenError::AlreadyWired
    );

    let governance = world
        .client
        .instantiate(
            "a second governance",
            c.deployer,
            suite.governance_code,
            GovernanceRef::new(world.config.governance, world.config.governance_floors),
            0,
            vec![2],
        )
        .unwrap_or_else(|error| panic!("{error}"));
    let wire = || contract::<Governance>(governance).wire(suite.registry);
    for caller in [stranger, c.alice, suite.registry, suite.governance] {
        assert_eq!(
            world.refused(caller, wire(), 0),
            GovernanceError::NotWiringAuthority
        );
    }
    world.ok(c.deployer, wire(), 0);
    assert_eq!(
        world.ask(contract::<Governance>(governance).registry()),
        Some(suite.registry)
    );
    assert_eq!(
        world.refused(c.deployer, wire(), 0),
        GovernanceError::AlreadyWired
    );
}

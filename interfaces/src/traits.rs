//! The messages through which the contracts call each other.
//!
//! Selectors are derived from `Trait::message`, so these names are part of the protocol's ABI:
//! renaming one breaks deployed callers. See `../shared/design/wiring.md` (mirrored in the
//! README) for which contract calls which.

use crate::{
    AccountId, Accusable, Balance, BalanceChange, Hash, IssuerRestraint, JurorStanding,
    RegistryError, RosterChange, RosterError, SplitterError, Timestamp, TokenError,
};
use ink::prelude::{string::String, vec::Vec};

/// Membership queries on the registry, used by tokens (transfer checks) and governance (juror
/// eligibility).
#[ink::trait_definition]
pub trait MemberRegistry {
    /// Whether `account` is an active member: admitted, not expelled or resigned, and not
    /// suspended (a suspension lapses on its own at its end).
    #[ink(message)]
    fn is_active(&self, account: AccountId) -> bool;

    /// When `account`'s member rights (voting, proposing, judging, vouching) began or begin
    /// (`joined_at + tenure` at his admission; 0 for founders), if he is active now; `None`
    /// if he is not an active member.
    #[ink(message)]
    fn rights_since(&self, account: AccountId) -> Option<Timestamp>;

    /// The number of members in good standing or suspended (neither expelled nor resigned).
    #[ink(message)]
    fn active_count(&self) -> u32;

    /// The personal token launched by `member`, if any.
    #[ink(message)]
    fn token_of(&self, member: AccountId) -> Option<AccountId>;

    /// The issuer of `token`, if it was launched through this registry.
    #[ink(message)]
    fn issuer_of(&self, token: AccountId) -> Option<AccountId>;

    /// Whether `voucher` vouched for `member`'s admission.
    #[ink(message)]
    fn has_vouched_for(&self, voucher: AccountId, member: AccountId) -> bool;

    /// Whether `account` can be accused (active, suspended or resigning: a member until his
    /// resignation completes, and never once expelled), with what governance needs to size a
    /// jury; `None` otherwise.
    #[ink(message)]
    fn accusable(&self, account: AccountId) -> Option<Accusable>;

    /// The roster this registry writes in the same message as every status change.
    #[ink(message)]
    fn roster(&self) -> AccountId;
}

/// The hot-path membership questions, answered by the roster: a contract of a few KB that the
/// registry writes in the same message as every status change, so asking it costs a fraction of
/// entering the registry and answers exactly as the registry would at the same block.
#[ink::trait_definition]
pub trait MemberRoster {
    /// As `MemberRegistry::is_active`.
    #[ink(message)]
    fn is_active(&self, account: AccountId) -> bool;

    /// `(is_active(first), is_active(second))` in one call.
    #[ink(message)]
    fn both_active(&self, first: AccountId, second: AccountId) -> (bool, bool);

    /// As `MemberRegistry::rights_since`.
    #[ink(message)]
    fn rights_since(&self, account: AccountId) -> Option<Timestamp>;

    /// `juror`'s rights and whether he ever vouched for `accused`, in one call.
    #[ink(message)]
    fn juror_standing(&self, juror: AccountId, accused: AccountId) -> JurorStanding;
}

/// The roster's one write, callable only by its writer (the registry).
#[ink::trait_definition]
pub trait RosterWriter {
    /// Applies `changes` in order.
    #[ink(message)]
    fn apply(&mut self, changes: Vec<RosterChange>) -> Result<(), RosterError>;
}

/// Enforcement on members. Callable by governance only.
#[ink::trait_definition]
pub trait MemberEnforcement {
    /// Suspends `member` until `until` (milliseconds since the epoch).
    #[ink(message)]
    fn suspend(&mut self, member: AccountId, until: Timestamp) -> Result<(), RegistryError>;

    /// Lifts `member`'s suspension.
    #[ink(message)]
    fn reinstate(&mut self, member: AccountId) -> Result<(), RegistryError>;

    /// Closes one misconduct case against `member` and expels him, in one message.
    #[ink(message)]
    fn expel_closing_case(&mut self, member: AccountId) -> Result<(), RegistryError>;

    /// Expels `member`: his token is frozen, and his bond and his vouchers' bonds go to his
    /// token's holders through its splitter.
    #[ink(message)]
    fn expel(&mut self, member: AccountId) -> Result<(), RegistryError>;

    /// A misconduct dispute against `member` opened: until it is closed his resignation
    /// cannot complete, his admission's vouch bonds cannot be released, he cannot launch a
    /// token, and his token (if any) is restrained.
    #[ink(message)]
    fn open_case(&mut self, member: AccountId) -> Result<(), RegistryError>;

    /// A misconduct dispute against `member` was executed (whatever its ruling).
    #[ink(message)]
    fn close_case(&mut self, member: AccountId) -> Result<(), RegistryError>;
}

/// Remedies on a personal token: freeze by governance or the registry (expulsion), unfreeze
/// and recovery by governance.
#[ink::trait_definition]
pub trait TokenRemedies {
    /// Freezes the token: no transfers, offerings or requests; escrows stay refundable.
    #[ink(message)]
    fn freeze(&mut self) -> Result<(), TokenError>;

    /// Lifts a freeze.
    #[ink(message)]
    fn unfreeze(&mut self) -> Result<(), TokenError>;

    /// Moves everything of `lost` to `new_account` after a recovery ruling: his open requests
    /// as seller are unwound (tokens unlocked, buyers refunded), then his whole balance, his
    /// unclaimed payouts, his funded purchases and his offering subscriptions move.
    #[ink(message)]
    fn recover(&mut self, lost: AccountId, new_account: AccountId) -> Result<(), TokenError>;

    /// Whether the token is frozen.
    #[ink(message)]
    fn is_frozen(&self) -> bool;

    /// Sets the issuer's restraint (open misconduct disputes, end of his suspension). Caller:
    /// the registry, whenever either changes.
    #[ink(message)]
    fn restrain(&mut self, restraint: IssuerRestraint) -> Result<(), TokenError>;

    /// Accounts other than the issuer that hold a positive balance (an upper bound of the
    /// members a holder conflict excludes from judging the issuer).
    #[ink(message)]
    fn holder_count(&self) -> u32;
}

/// ERC-1404 transfer restrictions: a dApp asks before the user signs.
#[ink::trait_definition]
pub trait TransferRestriction {
    /// The restriction code a `PSP22::transfer_from(from, to, amount)` by `from` would meet
    /// now; `0` means it would succeed. Codes are listed in [`crate::restriction`].
    #[ink(message)]
    fn detect_transfer_restriction(&self, from: AccountId, to: AccountId, amount: Balance) -> u8;

    /// A human-readable explanation of `code`.
    #[ink(message)]
    fn message_for_transfer_restriction(&self, code: u8) -> String;
}

/// The hooks a personal token calls on its payout splitter. Only the bound token may call them.
#[ink::trait_definition]
pub trait PayoutHook {
    /// Settles `change.from` and `change.to` before `change.amount` moves between them.
    /// `from_before` and `to_before` are their balances before the change; the splitter checks
    /// them against its own record and refuses on a mismatch.
    #[ink(message)]
    fn on_balance_change(&mut self, change: BalanceChange) -> Result<(), SplitterError>;

    /// Moves `lost`'s balance record and unclaimed payouts to `new_account` (recovery ruling).
    #[ink(message)]
    fn on_recovery(&mut self, lost: AccountId, new_account: AccountId)
        -> Result<(), SplitterError>;
}

/// Paying into a payout splitter: open to anyone.
#[ink::trait_definition]
pub trait PayoutDistribution {
    /// Distributes the value sent to the outstanding holders, pro rata to their balances now.
    #[ink(message, payable)]
    fn distribute(&mut self, memo: Hash) -> Result<(), SplitterError>;
}

/// What governance tells the contracts that hold others' money about upgrades under way.
#[ink::trait_definition]
pub trait UpgradeNotice {
    /// Whether an upgrade that could reach the money `contract` holds is proposed and not yet
    /// settled (being voted on, in its timelock or executable; not defeated, vetoed,
    /// cancelled, expired or executed): an upgrade of `contract` itself, or of governance.
    /// While it is, everyone whose money `contract` holds may leave: a personal token lets
    /// subscribers of open offerings and funded buyers of approved requests withdraw.
    #[ink(message)]
    fn exits_open(&self, contract: AccountId) -> bool;
}

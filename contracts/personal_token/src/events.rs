//! Events of the personal token. PSP22's `Transfer` and `Approval` are emitted as the `psp22`
//! crate's events (standard signature topics, recognised by wallets and indexers); the logic
//! describes them with the plain [`TransferRecord`] and [`ApprovalRecord`]. The other events
//! record every other state change.

use crate::types::{AssetId, AssetKind, OfferingId, RequestId};
use ink::prelude::string::String;
use interfaces::{AccountId, Balance, Hash, Timestamp};

/// A PSP22 `Transfer`: `from: None` is a mint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TransferRecord {
    /// Sender, `None` when minting.
    pub from: Option<AccountId>,
    /// Recipient.
    pub to: Option<AccountId>,
    /// Amount moved.
    pub value: Balance,
}

/// A PSP22 `Approval`: the new allowance of `spender` over `owner`'s tokens.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApprovalRecord {
    /// Token owner.
    pub owner: AccountId,
    /// Spender.
    pub spender: AccountId,
    /// New allowance.
    pub amount: Balance,
}

/// The token was wired to its registry, payout splitter, governance and roster (once, for
/// ever).
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Wired {
    /// The registry deciding membership.
    pub registry: AccountId,
    /// The payout splitter of this token.
    pub splitter: AccountId,
    /// The governance contract holding the remedies.
    pub governance: AccountId,
    /// The registry's roster, asked on every membership check.
    pub roster: AccountId,
}

/// A holder asked to sell to a buyer; the amount is locked.
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TransferRequested {
    /// The request.
    #[ink(topic)]
    pub id: RequestId,
    /// The holder selling.
    #[ink(topic)]
    pub seller: AccountId,
    /// The member buying.
    #[ink(topic)]
    pub buyer: AccountId,
    /// Token amount.
    pub amount: Balance,
    /// Total price in native currency (0: a gift or off-chain settlement).
    pub price: Balance,
    /// Until when the issuer decides.
    pub decision_deadline: Timestamp,
    /// After this the request can only be unwound.
    pub settlement_deadline: Timestamp,
}

/// The buyer paid the price into escrow.
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestFunded {
    /// The request.
    #[ink(topic)]
    pub id: RequestId,
    /// The amount escrowed.
    pub price: Balance,
}

/// The buyer took his escrowed payment back.
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FundingWithdrawn {
    /// The request.
    #[ink(topic)]
    pub id: RequestId,
    /// The amount returned.
    pub price: Balance,
}

/// The issuer approved a request (it executes at once if funded or free, else it waits for
/// the buyer's payment).
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TransferApproved {
    /// The request.
    #[ink(topic)]
    pub id: RequestId,
}

/// An approved request executed: tokens to the buyer and the price to the seller, atomically.
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TransferExecuted {
    /// The request.
    #[ink(topic)]
    pub id: RequestId,
    /// The seller.
    pub seller: AccountId,
    /// The buyer.
    pub buyer: AccountId,
    /// Tokens moved.
    pub amount: Balance,
    /// Price paid to the seller.
    pub price: Balance,
}

/// The issuer rejected a request; tokens unlocked and escrow refunded.
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TransferRejected {
    /// The request.
    #[ink(topic)]
    pub id: RequestId,
    /// The issuer's stated reason.
    pub reason: String,
}

/// The issuer bought the tokens himself at the request's price; the buyer's escrow refunded.
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FirstRefusalExercised {
    /// The request.
    #[ink(topic)]
    pub id: RequestId,
    /// Tokens bought back.
    pub amount: Balance,
    /// Price paid to the seller.
    pub price: Balance,
}

/// A request was cancelled; tokens unlocked and escrow refunded.
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestCancelled {
    /// The request.
    #[ink(topic)]
    pub id: RequestId,
    /// Who cancelled.
    pub by: AccountId,
}

/// The issuer opened a primary offering; the offered tokens are locked.
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OfferingOpened {
    /// The offering.
    #[ink(topic)]
    pub id: OfferingId,
    /// Tokens offered.
    pub amount: Balance,
    /// Native price of one token unit.
    pub price_per_unit: Balance,
    /// Minimum total raised for the offering to settle.
    pub min_total: Balance,
    /// Subscriptions close at this time.
    pub deadline: Timestamp,
    /// Whether only named buyers may subscribe.
    pub invite_only: bool,
}

/// A member subscribed and paid into escrow, consenting to the terms.
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Subscribed {
    /// The offering.
    #[ink(topic)]
    pub id: OfferingId,
    /// The subscriber.
    #[ink(topic)]
    pub subscriber: AccountId,
    /// Tokens subscribed.
    pub amount: Balance,
    /// Native amount paid.
    pub paid: Balance,
    /// The terms the subscriber agreed to (equal to the token's `terms_hash`).
    pub terms_hash: Hash,
}

/// An offering reached its minimum and settled: tokens delivered, the issuer paid.
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OfferingSettled {
    /// The offering.
    #[ink(topic)]
    pub id: OfferingId,
    /// Tokens delivered.
    pub sold: Balance,
    /// Native amount paid to the issuer.
    pub raised: Balance,
}

/// An offering failed (minimum missed, cancelled by the issuer, or the token frozen): its
/// tokens are unlocked and every subscriber can take a full refund.
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OfferingFailed {
    /// The offering.
    #[ink(topic)]
    pub id: OfferingId,
    /// Native amount that was subscribed.
    pub raised: Balance,
}

/// A subscriber took his payment back from a failed offering.
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SubscriptionRefunded {
    /// The offering.
    #[ink(topic)]
    pub id: OfferingId,
    /// The subscriber.
    #[ink(topic)]
    pub subscriber: AccountId,
    /// Native amount refunded.
    pub amount: Balance,
}

/// The issuer disclosed an asset.
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AssetDisclosed {
    /// The asset.
    #[ink(topic)]
    pub id: AssetId,
    /// What it is.
    pub kind: AssetKind,
    /// Hash of the off-chain document describing it.
    pub uri_hash: Hash,
    /// The issuer's estimate of its value.
    pub estimated_value: Balance,
}

/// The issuer revalued an asset.
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AssetRevalued {
    /// The asset.
    #[ink(topic)]
    pub id: AssetId,
    /// The previous estimate.
    pub previous_value: Balance,
    /// The new estimate.
    pub new_value: Balance,
}

/// The issuer reported a (partial) liquidation and paid the holders' share to the splitter.
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LiquidationReported {
    /// The asset.
    #[ink(topic)]
    pub asset_id: AssetId,
    /// Index of this liquidation in the asset's history.
    pub index: u32,
    /// Gross proceeds of the sale.
    pub gross_proceeds: Balance,
    /// The holders' share sent to the payout splitter.
    pub holders_share: Balance,
}

/// The token was frozen.
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Frozen {
    /// Governance, or the registry enforcing an expulsion.
    pub by: AccountId,
}

/// The token was unfrozen by governance.
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unfrozen {}

/// Governance moved a lost account's balance (and, before it, his open positions: see
/// `recover`) to its owner's new account. `amount` may be 0.
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recovered {
    /// The lost account.
    #[ink(topic)]
    pub lost: AccountId,
    /// The new account.
    #[ink(topic)]
    pub new_account: AccountId,
    /// Tokens moved.
    pub amount: Balance,
}

/// The registry set the issuer's restraint: while a misconduct dispute against him is open
/// (`open_cases > 0`) or until his suspension ends, his own transfers, new offerings, their
/// settlement and first refusal are refused.
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IssuerRestrained {
    /// Misconduct disputes against the issuer opened and not yet executed.
    pub open_cases: u32,
    /// End of his suspension (ms; 0 or past: not suspended).
    pub suspended_until: Timestamp,
}

/// A subscriber left an open offering of a restrained issuer and took his payment back.
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SubscriptionWithdrawn {
    /// The offering.
    #[ink(topic)]
    pub id: OfferingId,
    /// The subscriber.
    #[ink(topic)]
    pub subscriber: AccountId,
    /// Tokens he no longer subscribes.
    pub amount: Balance,
    /// Native amount refunded.
    pub refunded: Balance,
}

pub use interfaces::events::CodeUpgraded;

/// Every event the token's logic can produce, in the order the glue emits them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TokenEvent {
    /// PSP22 transfer.
    Transfer(TransferRecord),
    /// PSP22 allowance change.
    Approval(ApprovalRecord),
    /// See [`Wired`].
    Wired(Wired),
    /// See [`TransferRequested`].
    TransferRequested(TransferRequested),
    /// See [`RequestFunded`].
    RequestFunded(RequestFunded),
    /// See [`FundingWithdrawn`].
    FundingWithdrawn(FundingWithdrawn),
    /// See [`TransferApproved`].
    TransferApproved(TransferApproved),
    /// See [`TransferExecuted`].
    TransferExecuted(TransferExecuted),
    /// See [`TransferRejected`].
    TransferRejected(TransferRejected),
    /// See [`FirstRefusalExercised`].
    FirstRefusalExercised(FirstRefusalExercised),
    /// See [`RequestCancelled`].
    RequestCancelled(RequestCancelled),
    /// See [`OfferingOpened`].
    OfferingOpened(OfferingOpened),
    /// See [`Subscribed`].
    Subscribed(Subscribed),
    /// See [`OfferingSettled`].
    OfferingSettled(OfferingSettled),
    /// See [`OfferingFailed`].
    OfferingFailed(OfferingFailed),
    /// See [`SubscriptionRefunded`].
    SubscriptionRefunded(SubscriptionRefunded),
    /// See [`AssetDisclosed`].
    AssetDisclosed(AssetDisclosed),
    /// See [`AssetRevalued`].
    AssetRevalued(AssetRevalued),
    /// See [`LiquidationReported`].
    LiquidationReported(LiquidationReported),
    /// See [`Frozen`].
    Frozen(Frozen),
    /// See [`Unfrozen`].
    Unfrozen(Unfrozen),
    /// See [`Recovered`].
    Recovered(Recovered),
    /// See [`IssuerRestrained`].
    IssuerRestrained(IssuerRestrained),
    /// See [`SubscriptionWithdrawn`].
    SubscriptionWithdrawn(SubscriptionWithdrawn),
}

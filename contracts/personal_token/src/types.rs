//! Records kept by the personal token, and what its logic asks the contract glue to do.

use crate::events::TokenEvent;
use ink::prelude::vec::Vec;
use interfaces::{AccountId, Balance, Hash, Timestamp};

/// Identifies a transfer request (sequential from 0).
pub type RequestId = u64;
/// Identifies a primary offering (sequential from 0).
pub type OfferingId = u64;
/// Identifies a disclosed asset (sequential from 0).
pub type AssetId = u64;

/// Longest rejection reason accepted, in bytes.
pub const MAX_REASON_LEN: usize = 256;
/// Most named buyers of an invite-only offering.
pub const MAX_INVITEES: usize = 32;
/// Most distinct subscribers of one offering: `settle` delivers to each in one call, so the
/// bound keeps that call's cost bounded. A larger round is several offerings. It is also the
/// divisor of the minimum subscription ([`Offering::minimum_subscription`]), so that this
/// many subscriptions can always fill an offering.
pub const MAX_SUBSCRIBERS: u32 = 32;
/// Most open positions one account may hold (see [`Position`]): `recover` moves all of them
/// in one call, so the bound keeps that call's cost bounded.
pub const MAX_OPEN_POSITIONS: usize = 8;
/// Largest page of a listing query.
pub const MAX_PAGE: u32 = 50;
/// Shortest decision period accepted (one minute).
pub const MIN_DECISION_PERIOD: Timestamp = 60_000;
/// Longest decision period accepted (one year).
pub const MAX_DECISION_PERIOD: Timestamp = 365 * 24 * 60 * 60 * 1000;

/// Where a transfer request stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub enum RequestStatus {
    /// Waiting for the issuer's decision (after the decision deadline with `auto_approve`, it
    /// counts as approved).
    Pending,
    /// Approved by the issuer; waiting for the buyer's payment.
    Approved,
    /// Executed: tokens delivered and the price paid.
    Executed,
    /// Rejected by the issuer.
    Rejected,
    /// Cancelled by the seller, or by anyone after the settlement deadline.
    Cancelled,
    /// The issuer bought the tokens himself (right of first refusal).
    Preempted,
}

/// A holder's request to sell to a buyer, decided by the issuer (delivery versus payment).
#[derive(Debug, Clone, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct TransferRequest {
    /// The holder selling; `amount` of his balance is locked while the request is open.
    pub seller: AccountId,
    /// The member buying.
    pub buyer: AccountId,
    /// Tokens to move.
    pub amount: Balance,
    /// Total native price (0: no escrow).
    pub price: Balance,
    /// When the request was made.
    pub created_at: Timestamp,
    /// Until when the issuer decides; afterwards silence approves if `auto_approve`, else the
    /// seller may cancel.
    pub decision_deadline: Timestamp,
    /// After this the request can no longer execute; anyone may unwind it.
    pub settlement_deadline: Timestamp,
    /// Whether the buyer's payment is in escrow.
    pub funded: bool,
    /// Where it stands.
    pub status: RequestStatus,
}

impl TransferRequest {
    /// Whether the request is still open (not executed, rejected, cancelled or pre-empted).
    pub fn is_open(&self) -> bool {
        matches!(
            self.status,
            RequestStatus::Pending | RequestStatus::Approved
        )
    }

    /// Whether the issuer approved it, or silence approved it (`auto_approve` and the decision
    /// deadline passed).
    pub fn is_approved(&self, now: Timestamp, auto_approve: bool) -> bool {
        match self.status {
            RequestStatus::Approved => true,
            RequestStatus::Pending => auto_approve && now >= self.decision_deadline,
            _ => false,
        }
    }

    /// Whether the settlement deadline has passed.
    pub fn is_expired(&self, now: Timestamp) -> bool {
        now >= self.settlement_deadline
    }
}

/// Where a primary offering stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub enum OfferingStatus {
    /// Taking subscriptions until the deadline or until sold out, then waiting for `settle`.
    Open,
    /// Settled: tokens delivered and the issuer paid.
    Settled,
    /// Failed (minimum missed, cancelled, or the token frozen): subscribers refund.
    Failed,
}

/// A primary offering of the issuer's tokens at a fixed price.
#[derive(Debug, Clone, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct Offering {
    /// Tokens offered (locked in the issuer's balance while open).
    pub amount: Balance,
    /// Native price of one token unit.
    pub price_per_unit: Balance,
    /// Minimum native total raised for the offering to settle.
    pub min_total: Balance,
    /// Subscriptions close at this time.
    pub deadline: Timestamp,
    /// Whether only named buyers may subscribe.
    pub invite_only: bool,
    /// Tokens subscribed so far.
    pub sold: Balance,
    /// Native amount subscribed (held in escrow while open; after settlement, what the
    /// issuer was paid).
    pub raised: Balance,
    /// Distinct subscribers (at most [`MAX_SUBSCRIBERS`]).
    pub subscriber_count: u32,
    /// Where it stands.
    pub status: OfferingStatus,
}

impl Offering {
    /// Whether subscriptions are closed (deadline passed or sold out).
    pub fn is_closed(&self, now: Timestamp) -> bool {
        now >= self.deadline || self.sold >= self.amount
    }

    /// The smallest subscription accepted, `ceil(amount / MAX_SUBSCRIBERS)` units, unless one
    /// takes everything that remains unsold: [`MAX_SUBSCRIBERS`] subscriptions can fill the
    /// offering, and its slots cannot be squatted with dust.
    pub fn minimum_subscription(&self) -> Balance {
        interfaces::mul_div_ceil(self.amount, 1, Balance::from(MAX_SUBSCRIBERS))
            .unwrap_or(self.amount)
    }
}

/// One subscriber's position in an offering.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct Subscription {
    /// Tokens subscribed.
    pub amount: Balance,
    /// Native amount still in escrow for this position: what was paid, until the tokens are
    /// delivered (the payment then goes to the issuer) or the payment is refunded.
    pub paid: Balance,
    /// Whether the tokens were delivered at settlement.
    pub delivered: bool,
}

/// An open position of an account, what `recover` must unwind or move. Kept per account in
/// `TokenState::positions` (`Mapping<AccountId, Vec<Position>>`: one storage cell per account
/// with positions, at most [`MAX_OPEN_POSITIONS`] entries of 9 bytes; opening or closing one
/// reads and rewrites that cell, and the cell is removed when the last position closes).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub enum Position {
    /// An open request where the account is the seller (his tokens are locked in it).
    Selling(RequestId),
    /// An open funded request where the account is the buyer (his payment is in escrow).
    Buying(RequestId),
    /// A subscription whose payment is still in escrow: in an open offering, in a failed one
    /// not yet refunded, or in a settled one that delivered him nothing and that he has not
    /// refunded yet.
    Subscribed(OfferingId),
}

/// What kind of asset a disclosure describes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub enum AssetKind {
    /// Equity in a company the issuer founded or joined.
    CompanyStake,
    /// Crypto assets.
    Crypto,
    /// Real estate.
    RealEstate,
    /// A right to income (royalties, a contract).
    Income,
    /// Intellectual property.
    IntellectualProperty,
    /// Anything else.
    Other,
}

/// A disclosed asset. Disclosures are append-only: an asset is never deleted.
#[derive(Debug, Clone, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct Asset {
    /// What it is.
    pub kind: AssetKind,
    /// Hash of the off-chain document describing it.
    pub uri_hash: Hash,
    /// The issuer's current estimate of its value.
    pub estimated_value: Balance,
    /// When it was disclosed.
    pub disclosed_at: Timestamp,
    /// When it was last revalued (equal to `disclosed_at` if never).
    pub revalued_at: Timestamp,
    /// How many liquidations were reported.
    pub liquidation_count: u32,
    /// Sum of their gross proceeds.
    pub gross_liquidated: Balance,
    /// Sum of the holders' shares paid.
    pub paid_to_holders: Balance,
}

/// One reported liquidation of (part of) an asset.
#[derive(Debug, Clone, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct Liquidation {
    /// Gross proceeds of the sale.
    pub gross_proceeds: Balance,
    /// The holders' share paid to the splitter: `ceil(gross * outstanding / supply)`.
    pub holders_share: Balance,
    /// Tokens held by others than the issuer at the time.
    pub outstanding: Balance,
    /// When it was reported.
    pub reported_at: Timestamp,
}

/// The last executed sale with a price (secondary sale, first refusal, or offering).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct LastTrade {
    /// Total native price.
    pub price: Balance,
    /// Tokens sold.
    pub amount: Balance,
    /// When it executed.
    pub at: Timestamp,
}

pub use interfaces::BalanceChange;

/// A call or payment the glue makes after the logic has changed state (checks, effects, then
/// interactions). Executed in order; if one fails the whole message reverts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Interaction {
    /// `PayoutHook::on_balance_change` on the splitter.
    BalanceHook(BalanceChange),
    /// `PayoutHook::on_recovery` on the splitter.
    RecoveryHook {
        /// The lost account.
        lost: AccountId,
        /// Its replacement.
        new_account: AccountId,
    },
    /// A native transfer out of the token's escrow or of the value sent with the message.
    Pay {
        /// Recipient.
        to: AccountId,
        /// Amount.
        amount: Balance,
    },
    /// `PayoutDistribution::distribute` on the splitter, carrying `amount`.
    Distribute {
        /// Amount for the holders.
        amount: Balance,
        /// Reference of the payout (asset id and liquidation index).
        memo: Hash,
    },
}

/// What a successful logic call produced: events to emit and interactions to perform.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Outcome {
    /// Events, in order.
    pub events: Vec<TokenEvent>,
    /// Interactions, in order.
    pub interactions: Vec<Interaction>,
}

impl Outcome {
    /// Appends an event.
    pub fn event(&mut self, event: TokenEvent) {
        self.events.push(event);
    }

    /// Appends an interaction.
    pub fn interact(&mut self, interaction: Interaction) {
        self.interactions.push(interaction);
    }
}

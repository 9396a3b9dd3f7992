//! The personal token's error enum (PSP22 messages keep `PSP22Error`).

use super::SplitterError;
use crate::Balance;

/// Errors of a personal token, outside the PSP22 messages (which keep `PSP22Error`).
#[derive(Debug, Clone, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub enum TokenError {
    /// The caller is not the issuer.
    NotIssuer,
    /// The caller is not the governance contract.
    NotGovernance,
    /// The caller is neither governance nor the registry.
    NotGovernanceOrRegistry,
    /// The caller is not the account that instantiated the token.
    NotWiringAuthority,
    /// The token is already wired.
    AlreadyWired,
    /// The token is not yet wired to its registry, splitter and governance.
    NotWired,
    /// The token is frozen.
    Frozen,
    /// `unfreeze` was called on a token that is not frozen.
    NotFrozen,
    /// The movement is refused for the ERC-1404 restriction code carried (see
    /// `message_for_transfer_restriction`).
    Restricted(u8),
    /// An amount of zero where a positive amount is required.
    ZeroAmount,
    /// A request whose buyer is its seller.
    SelfTransfer,
    /// The account's balance not locked in requests or offerings is too small.
    InsufficientUnlockedBalance,
    /// The issuer cannot be the seller of a transfer request (he sells through offerings or
    /// plain transfers) nor subscribe to his own offering.
    IssuerNotAllowed,
    /// A decision period outside one minute to one year.
    InvalidDecisionPeriod,
    /// No transfer request has this id.
    RequestNotFound,
    /// The caller is not the request's seller.
    NotSeller,
    /// The caller is not the request's buyer.
    NotBuyer,
    /// The request is already executed, rejected, cancelled or pre-empted.
    RequestClosed,
    /// The request is already approved, by the issuer or by his silence (`auto_approve` after
    /// the decision deadline): the issuer's decision window is over.
    AlreadyApproved,
    /// First refusal needs a price to match: a gift (price 0) cannot be pre-empted.
    GiftCannotBePreempted,
    /// The request is already funded.
    AlreadyFunded,
    /// The request is not funded.
    NotFunded,
    /// The request's price is zero: there is nothing to fund.
    NothingToFund,
    /// The value sent is not the exact amount due.
    WrongPayment {
        /// The amount due.
        expected: Balance,
        /// The amount sent.
        received: Balance,
    },
    /// The seller may not cancel: the request is approved (by the issuer or by silence) and
    /// its settlement deadline has not passed.
    CannotCancelYet,
    /// The buyer may not withdraw: the request is approved and can execute, and governance
    /// reports no upgrade under way (`UpgradeNotice::exits_open`).
    CannotWithdrawYet,
    /// The request is neither approved nor deemed approved.
    NotApproved,
    /// The request's settlement deadline has passed.
    RequestExpired,
    /// A rejection reason longer than the maximum.
    ReasonTooLong,
    /// No offering has this id.
    OfferingNotFound,
    /// The offering does not accept subscriptions (closed, sold out, or deadline passed).
    OfferingClosed,
    /// The offering is still open: it cannot be settled yet.
    OfferingStillOpen,
    /// The offering is already settled or failed.
    OfferingFinalized,
    /// The offering did not fail, so there is nothing to refund.
    OfferingNotFailed,
    /// The offering is restricted to named buyers and the caller is not one.
    NotInvited,
    /// The `terms_hash` given is not the token's.
    TermsMismatch,
    /// The subscription exceeds what remains in the offering.
    ExceedsOffering,
    /// The offering already has the maximum number of subscribers. Since the minimum
    /// subscription (`SubscriptionTooSmall`), that many subscribers always buy the whole
    /// offering first, so `subscribe` meets `OfferingClosed` instead; the bound stays checked.
    TooManySubscribers,
    /// More named buyers than the maximum.
    TooManyInvitees,
    /// A deadline that is not in the future.
    DeadlineInPast,
    /// Invalid offering terms: zero price, or a minimum above the offering's total value.
    InvalidOffering,
    /// The caller has no subscription to refund.
    NothingToRefund,
    /// No asset has this id.
    AssetNotFound,
    /// A liquidation report carries less than the holders' share.
    LiquidationUnderpaid {
        /// The holders' share that must be paid.
        required: Balance,
    },
    /// A page size above the maximum.
    PageTooLarge,
    /// `recover` cannot move the issuer's own balance or target the issuer.
    CannotRecoverIssuer,
    /// `recover` was given the same account twice.
    InvalidRecovery,
    /// The issuer is restrained (suspended, or a misconduct dispute against him is open): his
    /// own transfers, new offerings, their settlement and first refusal wait until it ends.
    IssuerRestrained,
    /// The caller is not the registry.
    NotRegistry,
    /// The account already has the most open positions (open requests as seller, funded
    /// requests as buyer, live subscriptions) that a recovery can move in one call.
    TooManyOpenPositions,
    /// A subscriber may leave an open offering only while its issuer is restrained, or while
    /// governance reports an upgrade under way (`UpgradeNotice::exits_open`).
    WithdrawalNotAllowed,
    /// A checked arithmetic operation overflowed.
    ArithmeticOverflow,
    /// A native value transfer out of the token failed.
    TransferFailed,
    /// `set_code_hash` failed: no code is stored under the hash.
    UpgradeFailed,
    /// The payout splitter refused a call.
    Splitter(SplitterError),
    /// A cross-contract call failed below the callee's error type.
    CallFailed,
    /// `report_liquidation` while an open offering (neither settled nor failed) has
    /// subscriptions: the units sold in it are still the issuer's until settlement, so the
    /// holders' share would leave out the subscribers. Settle (or cancel) the offering first.
    OfferingHasSubscriptions,
    /// A subscription smaller than the offering's minimum (`ceil(amount / 32)` units) that
    /// does not take everything that remains unsold.
    SubscriptionTooSmall {
        /// The smallest subscription accepted now (what remains, if that is less).
        minimum: Balance,
    },
    /// A request price or a subscription's cost that is positive but below the chain's
    /// existential deposit: a refund of it to an account that no longer exists would fail.
    BelowExistentialDeposit {
        /// The chain's existential deposit.
        existential_deposit: Balance,
    },
}

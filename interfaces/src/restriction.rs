//! ERC-1404 restriction codes of the personal token. Stable: a code keeps its meaning forever,
//! and new codes are only appended.
//!
//! `detect_transfer_restriction(from, to, amount)` checks in the order of the codes below and
//! returns the first that applies, so a refusal always names the most basic reason (code 8,
//! appended later, is reported where the membership codes 3 and 4 would be checked).

/// The transfer would succeed (zero-value and self-transfers succeed as no-ops).
pub const SUCCESS: u8 = 0;
/// The token is not yet wired to its registry, splitter and governance.
pub const NOT_WIRED: u8 = 1;
/// The token is frozen by a governance ruling or an expulsion.
pub const FROZEN: u8 = 2;
/// The sender is not an active registry member (the issuer is exempt).
pub const SENDER_NOT_MEMBER: u8 = 3;
/// The receiver is not an active registry member.
pub const RECEIVER_NOT_MEMBER: u8 = 4;
/// Only the issuer's own tokens move freely; a holder sells through a transfer request the
/// issuer approves.
pub const APPROVAL_REQUIRED: u8 = 5;
/// The sender's balance is smaller than the amount.
pub const INSUFFICIENT_BALANCE: u8 = 6;
/// Part of the sender's balance is locked in open transfer requests or offerings.
pub const BALANCE_LOCKED: u8 = 7;
/// The registry could not be asked whether the parties are members; try again later.
pub const REGISTRY_UNAVAILABLE: u8 = 8;
/// The issuer is restrained: he is suspended, or a misconduct dispute against him is open, so
/// his own tokens do not move (his holders' exits keep working). Appended later: reported
/// after the membership codes, for transfers sent by the issuer.
pub const ISSUER_RESTRAINED: u8 = 9;

/// The explanation of `code`, as `message_for_transfer_restriction` returns it.
pub fn message(code: u8) -> &'static str {
    match code {
        SUCCESS => "transfer allowed",
        NOT_WIRED => "the token is not yet wired to its registry, splitter and governance",
        FROZEN => "the token is frozen",
        SENDER_NOT_MEMBER => "the sender is not an active member of the registry",
        RECEIVER_NOT_MEMBER => "the receiver is not an active member of the registry",
        APPROVAL_REQUIRED => {
            "holders sell through a transfer request that the issuer approves (request_transfer)"
        }
        INSUFFICIENT_BALANCE => "the sender's balance is too small",
        BALANCE_LOCKED => "the sender's balance is locked in open transfer requests or offerings",
        REGISTRY_UNAVAILABLE => "the registry could not be asked about membership; try again",
        ISSUER_RESTRAINED => {
            "the issuer is suspended or under an open dispute: his own tokens do not move"
        }
        _ => "unknown restriction code",
    }
}

/// Every defined code, in precedence order.
pub const ALL: [u8; 10] = [
    SUCCESS,
    NOT_WIRED,
    FROZEN,
    SENDER_NOT_MEMBER,
    RECEIVER_NOT_MEMBER,
    APPROVAL_REQUIRED,
    INSUFFICIENT_BALANCE,
    BALANCE_LOCKED,
    REGISTRY_UNAVAILABLE,
    ISSUER_RESTRAINED,
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_has_its_own_message() {
        let messages: Vec<&str> = ALL.iter().map(|c| message(*c)).collect();
        for (i, m) in messages.iter().enumerate() {
            assert_ne!(*m, "unknown restriction code");
            assert!(!messages[..i].contains(m), "duplicate message for code {i}");
        }
        assert_eq!(message(200), "unknown restriction code");
    }

    #[test]
    fn codes_are_dense_and_ordered() {
        for (i, c) in ALL.iter().enumerate() {
            assert_eq!(usize::from(*c), i);
        }
    }
}

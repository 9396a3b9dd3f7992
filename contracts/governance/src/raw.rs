//! Raw call arguments and replies for executing proposals.
//!
//! A proposal stores its call as a selector and already SCALE-encoded arguments. [`RawInput`]
//! writes those bytes verbatim after the selector (no length prefix), and [`RawOutput`] takes
//! the callee's whole reply after ink!'s `MessageResult` byte, because ink! decodes the reply
//! with `decode_all`.

use ink::prelude::vec::Vec;
use ink::scale::{Decode, Encode, Error as CodecError, Input, Output};
use interfaces::GovernanceError;

/// Call arguments already SCALE-encoded: encoded as the bytes themselves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RawInput<'a>(pub &'a [u8]);

impl Encode for RawInput<'_> {
    fn size_hint(&self) -> usize {
        self.0.len()
    }

    fn encode_to<O: Output + ?Sized>(&self, dest: &mut O) {
        dest.write(self.0);
    }
}

/// A message's reply, undecoded: all the bytes left in the input.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RawOutput(pub Vec<u8>);

impl Decode for RawOutput {
    fn decode<I: Input>(input: &mut I) -> Result<Self, CodecError> {
        let mut bytes = Vec::new();
        match input.remaining_len()? {
            Some(len) => {
                bytes.resize(len, 0);
                input.read(&mut bytes)?;
            }
            None => {
                while let Ok(byte) = input.read_byte() {
                    bytes.push(byte);
                }
            }
        }
        Ok(RawOutput(bytes))
    }
}

impl RawOutput {
    /// Whether the reply is a `Result::Err` of an ink! message (first byte `1`). A `()` reply
    /// is empty, and an `Ok` starts with `0`.
    pub fn is_error(&self) -> bool {
        self.0.first() == Some(&1)
    }
}

/// Maps the result of an executed proposal's call: an environment error (the callee trapped,
/// is missing, or ran out of gas), a `LangError` (unknown selector or undecodable input), or a
/// reply that is a `Result::Err` are all `ProposalCallFailed`.
///
/// # Errors
/// `ProposalCallFailed`.
pub fn proposal_call_outcome(
    result: Result<ink::MessageResult<RawOutput>, ink::env::Error>,
) -> Result<(), GovernanceError> {
    match result {
        Ok(Ok(output)) if !output.is_error() => Ok(()),
        _ => Err(GovernanceError::ProposalCallFailed),
    }
}

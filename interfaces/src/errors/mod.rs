//! The error enum of every contract, shared so that a caller can decode its callee's errors.
//!
//! Each contract re-exports its enum as `Error` with a `Result<T>` alias. Errors nest along the
//! call graph (governance -> registry -> token -> splitter) through `From` impls, so `?`
//! composes across cross-contract calls and the outermost error still says what failed inside.

use ink::env::Error as EnvError;
use ink::LangError;

/// A cross-contract call that failed below the callee's own error type: the callee is missing
/// or trapped, ran out of gas, or did not understand the selector.
///
/// Every contract error has a `CallFailed` variant built from it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CallFailure;

impl From<EnvError> for CallFailure {
    fn from(_: EnvError) -> Self {
        CallFailure
    }
}

impl From<LangError> for CallFailure {
    fn from(_: LangError) -> Self {
        CallFailure
    }
}

mod governance;
mod registry;
mod roster;
mod splitter;
mod token;

pub use governance::GovernanceError;
pub use registry::RegistryError;
pub use roster::RosterError;
pub use splitter::SplitterError;
pub use token::TokenError;

macro_rules! impl_from {
    ($outer:ty { $($inner:ty => $variant:ident),* $(,)? }) => {
        impl From<CallFailure> for $outer {
            fn from(_: CallFailure) -> Self {
                <$outer>::CallFailed
            }
        }
        $(
            impl From<$inner> for $outer {
                fn from(inner: $inner) -> Self {
                    <$outer>::$variant(inner)
                }
            }
        )*
    };
}

impl_from!(TokenError { SplitterError => Splitter });
impl_from!(RegistryError { TokenError => Token, SplitterError => Splitter, RosterError => Roster });
impl_from!(GovernanceError { RegistryError => Registry, TokenError => Token });

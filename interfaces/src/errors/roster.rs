//! The roster's error enum.

/// Errors of the roster.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub enum RosterError {
    /// The caller is not the roster's writer (the registry that instantiated it).
    NotWriter,
}

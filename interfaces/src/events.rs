//! Events shared by every contract of the suite.
//!
//! An event is defined once: a contract's metadata lists the events of every crate it links,
//! and ink! refuses two definitions with the same signature topic (the registry links the token
//! and the splitter for its factory).

use crate::Hash;

/// Governance replaced the contract's code (`set_code`).
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodeUpgraded {
    /// The new code hash.
    pub code_hash: Hash,
}

//! How the deployment plan talks to a chain.
//!
//! The plan and the typed [`crate::client::Client`] only see this trait, so the same plan runs
//! on the embedded sandbox ([`crate::sandbox::SandboxBackend`], the default) and on a live node.
//! Accounts are named by their `AccountId`; a backend that signs (a live node) holds the key of
//! every account it is asked to act for and refuses others with [`BackendError::UnknownSigner`].

use interfaces::{AccountId, Balance, Hash};
use serde::Serialize;

/// Resources one extrinsic used.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct GasUsage {
    /// Computation weight (picoseconds of reference time).
    pub ref_time: u64,
    /// Proof size weight (bytes).
    pub proof_size: u64,
    /// Storage deposit charged (positive) or refunded (negative).
    pub storage_deposit: i128,
}

/// What a message call returned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CallOutput {
    /// SCALE-encoded `MessageResult<R>` of the message.
    pub data: Vec<u8>,
    /// Whether the contract reverted (a message returning `Err` reverts its changes).
    pub reverted: bool,
    /// Resources used.
    pub gas: GasUsage,
}

/// What an instantiation returned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InstantiateOutput {
    /// The new contract's address (meaningful only if not reverted).
    pub address: AccountId,
    /// SCALE-encoded `ConstructorResult<..>`.
    pub data: Vec<u8>,
    /// Whether the constructor reverted (a fallible constructor returned `Err`).
    pub reverted: bool,
    /// Resources used.
    pub gas: GasUsage,
}

/// A chain refused or failed an extrinsic below the contract's own error type.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BackendError {
    /// The runtime rejected the extrinsic (for example `ContractTrapped`, `CodeNotFound`,
    /// `OutOfGas`, `StorageDepositLimitExhausted`, insufficient funds).
    #[error("the chain rejected the extrinsic: {0}")]
    Dispatch(String),
    /// The backend holds no key for this account.
    #[error("no signing key for account {0}")]
    UnknownSigner(String),
    /// The node could not be reached or answered something unexpected.
    #[error("node connection: {0}")]
    Transport(String),
}

/// A chain with `pallet-contracts`.
pub trait Backend {
    /// A short name for progress output (`sandbox`, `ws://127.0.0.1:9944`).
    fn name(&self) -> String;

    /// Uploads Wasm code; returns its hash. Uploading code that is already stored succeeds.
    fn upload(
        &mut self,
        signer: AccountId,
        code: Vec<u8>,
    ) -> Result<(Hash, GasUsage), BackendError>;

    /// Whether code with this hash is stored.
    fn code_exists(&mut self, code_hash: Hash) -> Result<bool, BackendError>;

    /// Instantiates stored code with SCALE-encoded constructor `data`.
    fn instantiate(
        &mut self,
        signer: AccountId,
        code_hash: Hash,
        data: Vec<u8>,
        value: Balance,
        salt: Vec<u8>,
    ) -> Result<InstantiateOutput, BackendError>;

    /// Whether a contract lives at `address`.
    fn contract_exists(&mut self, address: AccountId) -> Result<bool, BackendError>;

    /// Calls a message and commits its effects (unless it reverts).
    fn call(
        &mut self,
        signer: AccountId,
        contract: AccountId,
        data: Vec<u8>,
        value: Balance,
    ) -> Result<CallOutput, BackendError>;

    /// Runs a message without committing anything (queries, estimates).
    fn dry_run(
        &mut self,
        signer: AccountId,
        contract: AccountId,
        data: Vec<u8>,
        value: Balance,
    ) -> Result<CallOutput, BackendError>;

    /// Free native balance of `account`.
    fn balance(&mut self, account: AccountId) -> Result<Balance, BackendError>;
}

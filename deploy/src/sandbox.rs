//! The embedded sandbox backend: an in-process `pallet-contracts` runtime (drink's
//! `MinimalSandbox`), needing nothing running. It also offers what only a test chain can:
//! minting balances, setting the clock and snapshots.

use crate::backend::{Backend, BackendError, CallOutput, GasUsage, InstantiateOutput};
use drink::minimal::MinimalSandbox;
use drink::pallet_contracts::{Code, CollectEvents, Determinism, StorageDeposit};
use drink::sandbox_api::balance_api::BalanceAPI;
use drink::sandbox_api::contracts_api::ContractAPI;
use drink::sandbox_api::timestamp_api::TimestampAPI;
use drink::{AccountId32, Sandbox, Weight};
use interfaces::{AccountId, Balance, Hash, Timestamp};

/// When the sandbox clock starts: 2026-01-01T00:00:00Z (ms).
pub const GENESIS_TIME: Timestamp = 1_767_225_600_000;

/// Gas limit of every sandbox extrinsic: the runtime's default maximum.
fn gas_limit() -> Weight {
    MinimalSandbox::default_gas_limit()
}

fn to_sandbox(account: AccountId) -> AccountId32 {
    AccountId32::new(*account.as_ref())
}

fn from_sandbox(account: AccountId32) -> AccountId {
    AccountId::from(<[u8; 32]>::from(account))
}

fn usage(consumed: Weight, deposit: &StorageDeposit<Balance>) -> GasUsage {
    let storage_deposit = match deposit {
        StorageDeposit::Charge(amount) => i128::try_from(*amount).unwrap_or(i128::MAX),
        StorageDeposit::Refund(amount) => i128::try_from(*amount).map(|a| -a).unwrap_or(i128::MIN),
    };
    GasUsage {
        ref_time: consumed.ref_time(),
        proof_size: consumed.proof_size(),
        storage_deposit,
    }
}

/// The pallet error's name (`OutOfGas`, `ContractTrapped`, ...) when the runtime gives one.
fn error_name(error: &str) -> String {
    const MARK: &str = "message: Some(\"";
    match error.find(MARK) {
        Some(start) => {
            let rest = &error[start + MARK.len()..];
            rest.split('"').next().unwrap_or(rest).to_owned()
        }
        None => error.to_owned(),
    }
}

fn dispatch_error(error: impl core::fmt::Debug, debug_message: &[u8]) -> BackendError {
    let error = error_name(&format!("{error:?}"));
    let debug = String::from_utf8_lossy(debug_message);
    if debug.trim().is_empty() {
        BackendError::Dispatch(error)
    } else {
        BackendError::Dispatch(format!("{error} ({})", debug.trim()))
    }
}

fn call_contract(
    sandbox: &mut MinimalSandbox,
    signer: AccountId,
    contract: AccountId,
    data: Vec<u8>,
    value: Balance,
) -> Result<CallOutput, BackendError> {
    let result = sandbox.call_contract(
        to_sandbox(contract),
        value,
        data,
        to_sandbox(signer),
        gas_limit(),
        None,
        Determinism::Enforced,
    );
    let gas = usage(result.gas_consumed, &result.storage_deposit);
    match result.result {
        Ok(ok) => Ok(CallOutput {
            reverted: ok.did_revert(),
            data: ok.data,
            gas,
        }),
        Err(error) => Err(dispatch_error(error, &result.debug_message)),
    }
}

/// The embedded sandbox chain.
pub struct SandboxBackend {
    sandbox: MinimalSandbox,
}

impl Default for SandboxBackend {
    fn default() -> Self {
        Self::new()
    }
}

impl SandboxBackend {
    /// A fresh chain whose clock reads [`GENESIS_TIME`].
    pub fn new() -> Self {
        let mut sandbox = MinimalSandbox::default();
        sandbox.set_timestamp(GENESIS_TIME);
        SandboxBackend { sandbox }
    }

    /// Gives `account` `amount` more native currency.
    pub fn mint(&mut self, account: AccountId, amount: Balance) {
        // A mint into the sandbox cannot fail short of overflowing the total issuance.
        let _ = self.sandbox.mint_into(&to_sandbox(account), amount);
    }

    /// The clock (ms).
    pub fn now(&mut self) -> Timestamp {
        self.sandbox.get_timestamp()
    }

    /// Sets the clock (ms).
    pub fn set_time(&mut self, now: Timestamp) {
        self.sandbox.set_timestamp(now);
    }

    /// Moves the clock forward.
    pub fn advance(&mut self, ms: Timestamp) {
        let now = self.now().saturating_add(ms);
        self.set_time(now);
    }

    /// The raw sandbox, for what this backend does not wrap.
    pub fn sandbox(&mut self) -> &mut MinimalSandbox {
        &mut self.sandbox
    }
}

impl Backend for SandboxBackend {
    fn name(&self) -> String {
        "sandbox (in-process pallet-contracts)".into()
    }

    fn upload(
        &mut self,
        signer: AccountId,
        code: Vec<u8>,
    ) -> Result<(Hash, GasUsage), BackendError> {
        let result = self
            .sandbox
            .upload_contract(code, to_sandbox(signer), None, Determinism::Enforced)
            .map_err(|e| BackendError::Dispatch(format!("{e:?}")))?;
        let gas = GasUsage {
            ref_time: 0,
            proof_size: 0,
            storage_deposit: i128::try_from(result.deposit).unwrap_or(i128::MAX),
        };
        Ok((Hash::from(<[u8; 32]>::from(result.code_hash)), gas))
    }

    fn code_exists(&mut self, code_hash: Hash) -> Result<bool, BackendError> {
        // `Contracts::PristineCode` is keyed by the code hash itself (Identity hasher).
        let mut key =
            drink::frame_support::storage::storage_prefix(b"Contracts", b"PristineCode").to_vec();
        key.extend_from_slice(code_hash.as_ref());
        Ok(self
            .sandbox
            .execute_with(|| drink::frame_support::storage::unhashed::exists(&key)))
    }

    fn instantiate(
        &mut self,
        signer: AccountId,
        code_hash: Hash,
        data: Vec<u8>,
        value: Balance,
        salt: Vec<u8>,
    ) -> Result<InstantiateOutput, BackendError> {
        let code_hash: [u8; 32] = code_hash.into();
        let result = self.sandbox.execute_with(|| {
            drink::pallet_contracts::Pallet::<<MinimalSandbox as Sandbox>::Runtime>::bare_instantiate(
                to_sandbox(signer),
                value,
                gas_limit(),
                None,
                Code::Existing(code_hash.into()),
                data,
                salt,
                drink::pallet_contracts::DebugInfo::UnsafeDebug,
                CollectEvents::UnsafeCollect,
            )
        });
        let gas = usage(result.gas_consumed, &result.storage_deposit);
        match result.result {
            Ok(ok) => Ok(InstantiateOutput {
                address: from_sandbox(ok.account_id),
                reverted: ok.result.did_revert(),
                data: ok.result.data,
                gas,
            }),
            Err(error) => Err(dispatch_error(error, &result.debug_message)),
        }
    }

    fn contract_exists(&mut self, address: AccountId) -> Result<bool, BackendError> {
        let address = to_sandbox(address);
        Ok(self.sandbox.execute_with(|| {
            drink::pallet_contracts::Pallet::<<MinimalSandbox as Sandbox>::Runtime>::code_hash(
                &address,
            )
            .is_some()
        }))
    }

    fn call(
        &mut self,
        signer: AccountId,
        contract: AccountId,
        data: Vec<u8>,
        value: Balance,
    ) -> Result<CallOutput, BackendError> {
        call_contract(&mut self.sandbox, signer, contract, data, value)
    }

    fn dry_run(
        &mut self,
        signer: AccountId,
        contract: AccountId,
        data: Vec<u8>,
        value: Balance,
    ) -> Result<CallOutput, BackendError> {
        self.sandbox
            .dry_run(|sandbox| call_contract(sandbox, signer, contract, data, value))
    }

    fn balance(&mut self, account: AccountId) -> Result<Balance, BackendError> {
        Ok(self.sandbox.free_balance(&to_sandbox(account)))
    }
}

//! The live-node backend: a `pallet-contracts` chain over WebSocket, signed extrinsics.
//!
//! Every step is dry-run first through the runtime API (`ContractsApi_*`): the estimate (gas
//! required, storage deposit) is what the progress output reports and what the extrinsic is
//! submitted with (plus a margin), and a message that would revert is not submitted at all
//! (its typed error is returned as the sandbox would). Extrinsics are signed with keys the
//! backend holds: one from `--suri-file`/`PT_SURI`, or the dev keys (`//Alice` ...) on a
//! local dev chain. Inclusion in a block counts as done (substrate-contracts-node has instant
//! seal and no finality).

use crate::backend::{Backend, BackendError, CallOutput, GasUsage, InstantiateOutput};
use drink::pallet_contracts::{ContractExecResult, ContractInstantiateResult, StorageDeposit};
use interfaces::{AccountId, Balance, Hash};
use parity_scale_codec::{Decode, Encode};
use std::collections::HashMap;
use std::str::FromStr;
use subxt::backend::legacy::LegacyRpcMethods;
use subxt::backend::rpc::RpcClient;
use subxt::config::DefaultExtrinsicParamsBuilder;
use subxt::ext::scale_encode;
use subxt::tx::{Signer, TxStatus};
use subxt::utils::MultiAddress;
use subxt::{OnlineClient, PolkadotConfig};
use subxt_signer::sr25519::Keypair;
use subxt_signer::SecretUri;

type Config = PolkadotConfig;

/// Extra gas and deposit allowed over the dry-run's estimate, in percent.
const MARGIN_PERCENT: u64 = 20;

/// `Weight` as the Contracts pallet's extrinsics take it.
#[derive(Copy, Clone, Debug, Default, Encode, Decode, scale_encode::EncodeAsType)]
#[encode_as_type(crate_path = "subxt::ext::scale_encode")]
struct Weight {
    #[codec(compact)]
    ref_time: u64,
    #[codec(compact)]
    proof_size: u64,
}

#[derive(Debug, Encode, Decode, scale_encode::EncodeAsType)]
#[encode_as_type(crate_path = "subxt::ext::scale_encode")]
enum Determinism {
    Enforced,
    #[allow(dead_code)]
    Relaxed,
}

#[derive(Debug, Encode, Decode, scale_encode::EncodeAsType)]
#[encode_as_type(crate_path = "subxt::ext::scale_encode")]
struct UploadCode {
    code: Vec<u8>,
    storage_deposit_limit: Option<Balance>,
    determinism: Determinism,
}

#[derive(Debug, Encode, Decode, scale_encode::EncodeAsType)]
#[encode_as_type(crate_path = "subxt::ext::scale_encode")]
struct Instantiate {
    #[codec(compact)]
    value: Balance,
    gas_limit: Weight,
    storage_deposit_limit: Option<Balance>,
    code_hash: subxt::utils::H256,
    data: Vec<u8>,
    salt: Vec<u8>,
}

#[derive(Debug, Encode, Decode, scale_encode::EncodeAsType)]
#[encode_as_type(crate_path = "subxt::ext::scale_encode")]
struct CallContract {
    dest: MultiAddress<subxt::utils::AccountId32, ()>,
    #[codec(compact)]
    value: Balance,
    gas_limit: Weight,
    storage_deposit_limit: Option<Balance>,
    data: Vec<u8>,
}

#[derive(Encode)]
enum Code {
    #[allow(dead_code)]
    Upload(Vec<u8>),
    Existing([u8; 32]),
}

#[derive(Encode)]
struct InstantiateRequest {
    origin: [u8; 32],
    value: Balance,
    gas_limit: Option<Weight>,
    storage_deposit_limit: Option<Balance>,
    code: Code,
    data: Vec<u8>,
    salt: Vec<u8>,
}

#[derive(Encode)]
struct CallRequest {
    origin: [u8; 32],
    dest: [u8; 32],
    value: Balance,
    gas_limit: Option<Weight>,
    storage_deposit_limit: Option<Balance>,
    input_data: Vec<u8>,
}

/// A key and the account it signs for.
#[derive(Clone)]
pub struct Key {
    /// The account.
    pub account: AccountId,
    pair: Keypair,
}

impl Key {
    /// A key from a secret URI: a mnemonic, a hex seed or a dev path like `//Alice`.
    ///
    /// # Errors
    /// Not a valid secret URI.
    pub fn from_suri(suri: &str) -> Result<Key, String> {
        let uri =
            SecretUri::from_str(suri.trim()).map_err(|e| format!("invalid secret URI: {e}"))?;
        let pair = Keypair::from_uri(&uri).map_err(|e| format!("invalid secret URI: {e}"))?;
        Ok(Key {
            account: AccountId::from(pair.public_key().0),
            pair,
        })
    }

    /// The six dev keys of a Substrate dev chain.
    pub fn dev_keys() -> Vec<Key> {
        [
            "//Alice",
            "//Bob",
            "//Charlie",
            "//Dave",
            "//Eve",
            "//Ferdie",
        ]
        .iter()
        .filter_map(|suri| Key::from_suri(suri).ok())
        .collect()
    }
}

/// The best block: substrate-contracts-node seals instantly but finalizes late, so the
/// latest finalized block can lag behind what was just included.
async fn best_block(
    rpc: &LegacyRpcMethods<Config>,
) -> Result<<Config as subxt::Config>::Hash, BackendError> {
    rpc.chain_get_block_hash(None)
        .await
        .map_err(transport)?
        .ok_or_else(|| transport("no best block"))
}

fn transport(error: impl std::fmt::Display) -> BackendError {
    BackendError::Transport(error.to_string())
}

fn deposit(deposit: &StorageDeposit<Balance>) -> i128 {
    match deposit {
        StorageDeposit::Charge(amount) => i128::try_from(*amount).unwrap_or(i128::MAX),
        StorageDeposit::Refund(amount) => i128::try_from(*amount).map(|a| -a).unwrap_or(i128::MIN),
    }
}

fn with_margin(value: u64) -> u64 {
    value.saturating_add(value.saturating_mul(MARGIN_PERCENT) / 100)
}

fn deposit_limit(deposit: &StorageDeposit<Balance>) -> Option<Balance> {
    match deposit {
        StorageDeposit::Charge(amount) => {
            Some(amount.saturating_add(amount.saturating_mul(u128::from(MARGIN_PERCENT)) / 100))
        }
        StorageDeposit::Refund(_) => Some(0),
    }
}

/// The name of a runtime error (`DuplicateContract`, `OutOfGas`, ...), from the chain's metadata.
fn module_error_name(metadata: &subxt::Metadata, error: &drink::DispatchError) -> Option<String> {
    let drink::DispatchError::Module(module) = error else {
        return None;
    };
    let pallet = metadata.pallet_by_index(module.index)?;
    let variant = pallet.error_variant_by_index(module.error[0])?;
    Some(format!("{}::{}", pallet.name(), variant.name))
}

fn dispatch_message(error: &impl std::fmt::Debug, debug_message: &[u8]) -> String {
    let text = format!("{error:?}");
    const MARK: &str = "message: Some(\"";
    let name = match text.find(MARK) {
        Some(start) => text[start + MARK.len()..]
            .split('"')
            .next()
            .unwrap_or("")
            .to_owned(),
        None => text,
    };
    with_debug(name, debug_message)
}

fn with_debug(name: String, debug_message: &[u8]) -> String {
    let debug = String::from_utf8_lossy(debug_message);
    if debug.trim().is_empty() {
        name
    } else {
        format!("{name} ({})", debug.trim())
    }
}

/// A connection to a live node.
pub struct NodeBackend {
    url: String,
    runtime: tokio::runtime::Runtime,
    client: OnlineClient<Config>,
    rpc: LegacyRpcMethods<Config>,
    keys: HashMap<AccountId, Key>,
}

impl NodeBackend {
    /// Connects to `url` and checks that the chain has the contracts pallet.
    ///
    /// # Errors
    /// `Transport` when the node cannot be reached, or its chain has no `Contracts` pallet.
    pub fn connect(url: &str, keys: Vec<Key>) -> Result<NodeBackend, BackendError> {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(transport)?;
        let (client, rpc) = runtime.block_on(async {
            let rpc_client = RpcClient::from_url(url).await.map_err(|e| {
                BackendError::Transport(format!("cannot reach a node at {url}: {e}"))
            })?;
            let client = OnlineClient::<Config>::from_rpc_client(rpc_client.clone())
                .await
                .map_err(|e| BackendError::Transport(format!("{url}: {e}")))?;
            Ok::<_, BackendError>((client, LegacyRpcMethods::<Config>::new(rpc_client)))
        })?;
        if client.metadata().pallet_by_name("Contracts").is_none() {
            return Err(BackendError::Transport(format!(
                "the chain at {url} has no contracts pallet (pallet-contracts): it cannot run ink! 5 contracts"
            )));
        }
        let keys = keys.into_iter().map(|key| (key.account, key)).collect();
        Ok(NodeBackend {
            url: url.to_owned(),
            runtime,
            client,
            rpc,
            keys,
        })
    }

    /// Adds a signing key.
    pub fn add_key(&mut self, key: Key) {
        self.keys.insert(key.account, key);
    }

    /// The current best block number.
    ///
    /// # Errors
    /// The node cannot be asked.
    pub fn block_number(&mut self) -> Result<u64, BackendError> {
        let rpc = self.rpc.clone();
        self.runtime.block_on(async move {
            let header = rpc
                .chain_get_header(None)
                .await
                .map_err(transport)?
                .ok_or_else(|| transport("no best block"))?;
            Ok(u64::from(header.number))
        })
    }

    /// The chain's timestamp (ms) at the best block.
    ///
    /// # Errors
    /// The node cannot be asked.
    pub fn now(&mut self) -> Result<u64, BackendError> {
        let client = self.client.clone();
        let rpc = self.rpc.clone();
        self.runtime.block_on(async move {
            let query =
                subxt::dynamic::storage("Timestamp", "Now", Vec::<subxt::dynamic::Value>::new());
            let value = client
                .storage()
                .at(best_block(&rpc).await?)
                .fetch(&query)
                .await
                .map_err(transport)?
                .ok_or_else(|| transport("no timestamp"))?;
            u64::decode(&mut value.encoded()).map_err(transport)
        })
    }

    fn key(&self, account: AccountId) -> Result<Keypair, BackendError> {
        self.keys
            .get(&account)
            .map(|key| key.pair.clone())
            .ok_or_else(|| BackendError::UnknownSigner(crate::manifest::ss58(account)))
    }

    fn state_call<R: Decode>(&mut self, function: &str, args: Vec<u8>) -> Result<R, BackendError> {
        let rpc = self.rpc.clone();
        let function = function.to_owned();
        self.runtime.block_on(async move {
            let bytes = rpc
                .state_call(&function, Some(&args), None)
                .await
                .map_err(transport)?;
            R::decode(&mut bytes.as_ref())
                .map_err(|e| transport(format!("decoding {function}: {e}")))
        })
    }

    /// Signs and submits `payload`, waits for its block, returns the extrinsic's events.
    fn submit<P: subxt::tx::TxPayload>(
        &mut self,
        signer: AccountId,
        payload: P,
    ) -> Result<subxt::blocks::ExtrinsicEvents<Config>, BackendError> {
        let pair = self.key(signer)?;
        let client = self.client.clone();
        let rpc = self.rpc.clone();
        self.runtime.block_on(async move {
            let account = <Keypair as Signer<Config>>::account_id(&pair);
            let best = rpc
                .chain_get_block_hash(None)
                .await
                .map_err(transport)?
                .ok_or_else(|| transport("no best block"))?;
            let nonce = client
                .blocks()
                .at(best)
                .await
                .map_err(transport)?
                .account_nonce(&account)
                .await
                .map_err(transport)?;
            let params = DefaultExtrinsicParamsBuilder::<Config>::new()
                .nonce(nonce)
                .build();
            let mut progress = client
                .tx()
                .create_signed_offline(&payload, &pair, params)
                .map_err(transport)?
                .submit_and_watch()
                .await
                .map_err(|e| {
                    BackendError::Dispatch(format!("the node refused the extrinsic: {e}"))
                })?;
            while let Some(status) = progress.next().await {
                match status.map_err(transport)? {
                    TxStatus::InBestBlock(in_block) | TxStatus::InFinalizedBlock(in_block) => {
                        return in_block.wait_for_success().await.map_err(|e| match e {
                            subxt::Error::Runtime(error) => {
                                BackendError::Dispatch(error.to_string())
                            }
                            other => transport(other),
                        });
                    }
                    TxStatus::Error { message }
                    | TxStatus::Invalid { message }
                    | TxStatus::Dropped { message } => {
                        return Err(BackendError::Dispatch(format!(
                            "the extrinsic was not included: {message} (is the account funded?)"
                        )))
                    }
                    _ => continue,
                }
            }
            Err(transport("the node closed the subscription"))
        })
    }

    fn contract_field_exists(&mut self, entry: &str, key: [u8; 32]) -> Result<bool, BackendError> {
        let client = self.client.clone();
        let rpc = self.rpc.clone();
        let entry = entry.to_owned();
        self.runtime.block_on(async move {
            let query = subxt::dynamic::storage(
                "Contracts",
                entry.as_str(),
                vec![subxt::dynamic::Value::from_bytes(key)],
            );
            let found = client
                .storage()
                .at(best_block(&rpc).await?)
                .fetch(&query)
                .await
                .map_err(transport)?;
            Ok(found.is_some())
        })
    }
}

impl Backend for NodeBackend {
    fn name(&self) -> String {
        self.url.clone()
    }

    fn upload(
        &mut self,
        signer: AccountId,
        code: Vec<u8>,
    ) -> Result<(Hash, GasUsage), BackendError> {
        let payload = subxt::tx::Payload::new(
            "Contracts",
            "upload_code",
            UploadCode {
                code,
                storage_deposit_limit: None,
                determinism: Determinism::Enforced,
            },
        )
        .unvalidated();
        let events = self.submit(signer, payload)?;
        for event in events.iter() {
            let event = event.map_err(transport)?;
            if event.pallet_name() == "Contracts" && event.variant_name() == "CodeStored" {
                let bytes = event.field_bytes();
                let hash: [u8; 32] = bytes
                    .get(..32)
                    .and_then(|b| b.try_into().ok())
                    .ok_or_else(|| transport("malformed CodeStored event"))?;
                let deposit = event
                    .field_bytes()
                    .get(32..48)
                    .and_then(|b| <[u8; 16]>::try_from(b).ok())
                    .map(u128::from_le_bytes)
                    .unwrap_or_default();
                return Ok((
                    Hash::from(hash),
                    GasUsage {
                        storage_deposit: i128::try_from(deposit).unwrap_or(i128::MAX),
                        ..GasUsage::default()
                    },
                ));
            }
        }
        Err(transport("the upload stored no code (no CodeStored event)"))
    }

    fn code_exists(&mut self, code_hash: Hash) -> Result<bool, BackendError> {
        self.contract_field_exists("PristineCode", code_hash.into())
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
        let request = InstantiateRequest {
            origin: *signer.as_ref(),
            value,
            gas_limit: None,
            storage_deposit_limit: None,
            code: Code::Existing(code_hash),
            data: data.clone(),
            salt: salt.clone(),
        };
        let dry: ContractInstantiateResult<drink::AccountId32, Balance, ()> =
            self.state_call("ContractsApi_instantiate", request.encode())?;
        let gas = estimate(dry.gas_required, &dry.storage_deposit);
        let result = dry
            .result
            .map_err(|e| self.dispatch_error(&e, &dry.debug_message))?;
        let address = AccountId::from(<[u8; 32]>::from(result.account_id));
        if result.result.did_revert() {
            return Ok(InstantiateOutput {
                address,
                data: result.result.data,
                reverted: true,
                gas,
            });
        }
        let payload = subxt::tx::Payload::new(
            "Contracts",
            "instantiate",
            Instantiate {
                value,
                gas_limit: Weight {
                    ref_time: with_margin(gas.ref_time),
                    proof_size: with_margin(gas.proof_size),
                },
                storage_deposit_limit: deposit_limit(&dry.storage_deposit),
                code_hash: subxt::utils::H256(code_hash),
                data,
                salt,
            },
        )
        .unvalidated();
        let events = self.submit(signer, payload)?;
        for event in events.iter() {
            let event = event.map_err(transport)?;
            if event.pallet_name() == "Contracts" && event.variant_name() == "Instantiated" {
                // `Instantiated { deployer, contract }`. A constructor may instantiate contracts
                // of its own (the registry its roster), whose events come first: the one asked
                // for is the one the signer deployed.
                let fields = event.field_bytes();
                let deployer = fields
                    .get(..32)
                    .ok_or_else(|| transport("malformed Instantiated event"))?;
                if deployer != AsRef::<[u8; 32]>::as_ref(&signer).as_slice() {
                    continue;
                }
                let contract: [u8; 32] = fields
                    .get(32..64)
                    .and_then(|b| b.try_into().ok())
                    .ok_or_else(|| transport("malformed Instantiated event"))?;
                return Ok(InstantiateOutput {
                    address: AccountId::from(contract),
                    data: result.result.data,
                    reverted: false,
                    gas,
                });
            }
        }
        Err(transport("the instantiation emitted no Instantiated event"))
    }

    fn contract_exists(&mut self, address: AccountId) -> Result<bool, BackendError> {
        self.contract_field_exists("ContractInfoOf", *address.as_ref())
    }

    fn call(
        &mut self,
        signer: AccountId,
        contract: AccountId,
        data: Vec<u8>,
        value: Balance,
    ) -> Result<CallOutput, BackendError> {
        let dry = self.dry_run_raw(signer, contract, data.clone(), value)?;
        if dry.output.reverted {
            // The message returns its typed error; submitting would only burn fees.
            return Ok(dry.output);
        }
        let payload = subxt::tx::Payload::new(
            "Contracts",
            "call",
            CallContract {
                dest: MultiAddress::Id(subxt::utils::AccountId32(*contract.as_ref())),
                value,
                gas_limit: Weight {
                    ref_time: with_margin(dry.output.gas.ref_time),
                    proof_size: with_margin(dry.output.gas.proof_size),
                },
                storage_deposit_limit: dry.deposit_limit,
                data,
            },
        )
        .unvalidated();
        self.submit(signer, payload)?;
        Ok(dry.output)
    }

    fn dry_run(
        &mut self,
        signer: AccountId,
        contract: AccountId,
        data: Vec<u8>,
        value: Balance,
    ) -> Result<CallOutput, BackendError> {
        Ok(self.dry_run_raw(signer, contract, data, value)?.output)
    }

    fn balance(&mut self, account: AccountId) -> Result<Balance, BackendError> {
        let client = self.client.clone();
        let rpc = self.rpc.clone();
        self.runtime.block_on(async move {
            let query = subxt::dynamic::storage(
                "System",
                "Account",
                vec![subxt::dynamic::Value::from_bytes(
                    AsRef::<[u8; 32]>::as_ref(&account),
                )],
            );
            let Some(info) = client
                .storage()
                .at(best_block(&rpc).await?)
                .fetch(&query)
                .await
                .map_err(transport)?
            else {
                return Ok(0);
            };
            // AccountInfo { nonce: u32, consumers: u32, providers: u32, sufficients: u32,
            //   data: { free: u128, reserved, frozen, flags } }
            let bytes = info.encoded();
            let free = bytes
                .get(16..32)
                .and_then(|b| <[u8; 16]>::try_from(b).ok())
                .map(u128::from_le_bytes)
                .ok_or_else(|| transport("malformed account info"))?;
            Ok(free)
        })
    }
}

/// A dry run's estimate: gas required and storage deposit.
fn estimate(required: drink::Weight, storage_deposit: &StorageDeposit<Balance>) -> GasUsage {
    GasUsage {
        ref_time: required.ref_time(),
        proof_size: required.proof_size(),
        storage_deposit: deposit(storage_deposit),
    }
}

struct DryRun {
    output: CallOutput,
    deposit_limit: Option<Balance>,
}

impl NodeBackend {
    /// A runtime error named from the chain's metadata, with the contract's debug output.
    fn dispatch_error(&self, error: &drink::DispatchError, debug_message: &[u8]) -> BackendError {
        let name = module_error_name(&self.client.metadata(), error)
            .unwrap_or_else(|| dispatch_message(error, &[]));
        BackendError::Dispatch(with_debug(name, debug_message))
    }

    fn dry_run_raw(
        &mut self,
        signer: AccountId,
        contract: AccountId,
        data: Vec<u8>,
        value: Balance,
    ) -> Result<DryRun, BackendError> {
        let request = CallRequest {
            origin: *signer.as_ref(),
            dest: *contract.as_ref(),
            value,
            gas_limit: None,
            storage_deposit_limit: None,
            input_data: data,
        };
        let result: ContractExecResult<Balance, ()> =
            self.state_call("ContractsApi_call", request.encode())?;
        let gas = estimate(result.gas_required, &result.storage_deposit);
        let ok = result
            .result
            .map_err(|e| self.dispatch_error(&e, &result.debug_message))?;
        Ok(DryRun {
            output: CallOutput {
                reverted: ok.did_revert(),
                data: ok.data,
                gas,
            },
            deposit_limit: deposit_limit(&result.storage_deposit),
        })
    }
}

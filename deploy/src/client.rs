//! Typed calls on top of any [`Backend`]: ink!'s own call and create builders (from the
//! contract crates, built with `ink-as-dependency`) encode the input and fix the return type, so
//! a call returns exactly what the message returns, including the contract's typed error.
//!
//! ```ignore
//! let mut token = client::contract::<PersonalToken>(address);
//! let id: Result<u64, TokenError> = client.call("request", alice, token.request_transfer(bob, 5, 0), 0)?;
//! ```

use crate::backend::{Backend, BackendError, GasUsage};
use ink::codegen::ContractCallBuilder;
use ink::env::call::utils::{ReturnType, Set, Unset};
use ink::env::call::{
    Call, CallBuilder, ConstructorReturnType, CreateBuilder, ExecutionInput, FromAccountId,
    LimitParamsV2,
};
use ink::env::DefaultEnvironment;
use ink::scale::{Decode, Encode};
use interfaces::{AccountId, Balance, Hash};
use serde::Serialize;

/// The environment every contract of the suite uses.
pub type Env = DefaultEnvironment;

/// A message call ready to encode: what a contract ref's call builder method returns.
pub type Message<Args, R> =
    CallBuilder<Env, Set<Call<Env>>, Set<ExecutionInput<Args>>, Set<ReturnType<R>>>;

/// A constructor call ready to encode: what a `ContractRef::new(..)` returns.
pub type Constructor<Ref, Args, R> = CreateBuilder<
    Env,
    Ref,
    Unset<Hash>,
    Set<LimitParamsV2<Env>>,
    Unset<Balance>,
    Set<ExecutionInput<Args>>,
    Unset<ink::env::call::state::Salt>,
    Set<ReturnType<R>>,
>;

/// The call builder of contract `C` deployed at `address`: call its messages (inherent and
/// trait) to get [`Message`]s.
pub fn contract<C>(address: AccountId) -> <C as ContractCallBuilder>::Type
where
    C: ContractCallBuilder,
    <C as ContractCallBuilder>::Type: FromAccountId<Env>,
{
    <<C as ContractCallBuilder>::Type as FromAccountId<Env>>::from_account_id(address)
}

/// SCALE-encoded input (selector and arguments) of a message.
pub fn encode_message<Args: Encode, R>(message: &Message<Args, R>) -> Vec<u8>
where
    Message<Args, R>: Clone,
{
    message.clone().params().exec_input().encode()
}

/// SCALE-encoded input (selector and arguments) of a constructor.
pub fn encode_constructor<Ref, Args: Encode, R>(constructor: Constructor<Ref, Args, R>) -> Vec<u8> {
    constructor
        .endowment(0)
        .code_hash(Hash::default())
        .salt_bytes(Vec::<u8>::new())
        .params()
        .exec_input()
        .encode()
}

/// A failure below the contract's own error type.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ClientError {
    /// The chain refused the extrinsic.
    #[error(transparent)]
    Backend(#[from] BackendError),
    /// The reply could not be decoded as the message's return type (wrong contract or ABI).
    #[error("cannot decode the reply of `{label}`: {reason}")]
    Decode {
        /// The step.
        label: String,
        /// What went wrong.
        reason: String,
    },
    /// ink! refused the input (`LangError::CouldNotReadInput`: unknown selector or bad
    /// arguments).
    #[error("`{0}`: the contract could not read the input (wrong selector or arguments)")]
    CouldNotReadInput(String),
    /// A constructor reverted.
    #[error("`{label}`: the constructor failed: {reason}")]
    ConstructorFailed {
        /// The step.
        label: String,
        /// The decoded error.
        reason: String,
    },
}

/// One recorded extrinsic: what the demo and the benchmarks print.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GasRecord {
    /// What was done.
    pub label: String,
    /// Resources used.
    pub gas: GasUsage,
    /// Whether it reverted (a refused call).
    pub reverted: bool,
}

/// Typed access to the contracts through a backend, recording gas per extrinsic.
pub struct Client<B: Backend> {
    /// The chain.
    pub backend: B,
    records: Vec<GasRecord>,
}

impl<B: Backend> Client<B> {
    /// A client on `backend`.
    pub fn new(backend: B) -> Self {
        Client {
            backend,
            records: Vec::new(),
        }
    }

    /// Every extrinsic so far.
    pub fn records(&self) -> &[GasRecord] {
        &self.records
    }

    /// The last extrinsic.
    pub fn last_record(&self) -> Option<&GasRecord> {
        self.records.last()
    }

    fn record(&mut self, label: &str, gas: GasUsage, reverted: bool) {
        self.records.push(GasRecord {
            label: label.to_owned(),
            gas,
            reverted,
        });
    }

    /// Uploads `code`; returns its hash.
    pub fn upload(
        &mut self,
        label: &str,
        signer: AccountId,
        code: Vec<u8>,
    ) -> Result<Hash, ClientError> {
        let (hash, gas) = self.backend.upload(signer, code)?;
        self.record(label, gas, false);
        Ok(hash)
    }

    /// Instantiates `code_hash` with a typed constructor. A constructor returning `Err`
    /// (or reverting) is a [`ClientError::ConstructorFailed`] carrying the decoded error.
    pub fn instantiate<Ref, Args: Encode, R>(
        &mut self,
        label: &str,
        signer: AccountId,
        code_hash: Hash,
        constructor: Constructor<Ref, Args, R>,
        value: Balance,
        salt: Vec<u8>,
    ) -> Result<AccountId, ClientError>
    where
        R: ConstructorReturnType<Ref>,
        <R as ConstructorReturnType<Ref>>::Error: core::fmt::Debug,
    {
        let data = encode_constructor(constructor);
        let output = self
            .backend
            .instantiate(signer, code_hash, data, value, salt)?;
        self.record(label, output.gas, output.reverted);
        if output.reverted {
            type Reply<E> = ink::ConstructorResult<Result<(), E>>;
            let decoded = <Reply<<R as ConstructorReturnType<Ref>>::Error> as Decode>::decode(
                &mut &output.data[..],
            );
            let reason = match decoded {
                Ok(Ok(Err(error))) => format!("{error:?}"),
                Ok(Err(lang_error)) => format!("{lang_error:?}"),
                _ => format!("reply 0x{}", hex(&output.data)),
            };
            return Err(ClientError::ConstructorFailed {
                label: label.to_owned(),
                reason,
            });
        }
        Ok(output.address)
    }

    /// Calls a message and commits its effects; returns what the message returned (a message
    /// returning `Err` reverts its changes and the `Err` is returned here, typed).
    pub fn call<Args: Encode, R: Decode>(
        &mut self,
        label: &str,
        signer: AccountId,
        message: Message<Args, R>,
        value: Balance,
    ) -> Result<R, ClientError>
    where
        Message<Args, R>: Clone,
    {
        let contract = *message.clone().params().callee();
        let data = encode_message(&message);
        let output = self.backend.call(signer, contract, data, value)?;
        self.record(label, output.gas, output.reverted);
        decode_reply(label, &output.data)
    }

    /// Runs a message without committing (queries and estimates).
    pub fn query<Args: Encode, R: Decode>(
        &mut self,
        signer: AccountId,
        message: Message<Args, R>,
    ) -> Result<R, ClientError>
    where
        Message<Args, R>: Clone,
    {
        let contract = *message.clone().params().callee();
        let data = encode_message(&message);
        let output = self.backend.dry_run(signer, contract, data, 0)?;
        decode_reply("query", &output.data)
    }

    /// Estimates a message without committing: its reply and resources.
    pub fn estimate<Args: Encode, R: Decode>(
        &mut self,
        signer: AccountId,
        message: Message<Args, R>,
        value: Balance,
    ) -> Result<(R, GasUsage), ClientError>
    where
        Message<Args, R>: Clone,
    {
        let contract = *message.clone().params().callee();
        let data = encode_message(&message);
        let output = self.backend.dry_run(signer, contract, data, value)?;
        Ok((decode_reply("estimate", &output.data)?, output.gas))
    }

    /// Free native balance of `account`.
    pub fn balance(&mut self, account: AccountId) -> Result<Balance, ClientError> {
        Ok(self.backend.balance(account)?)
    }
}

/// Decodes a message reply, `MessageResult<R>`.
pub fn decode_reply<R: Decode>(label: &str, data: &[u8]) -> Result<R, ClientError> {
    let reply = <ink::MessageResult<R> as ink::scale::DecodeAll>::decode_all(&mut &data[..])
        .map_err(|error| ClientError::Decode {
            label: label.to_owned(),
            reason: error.to_string(),
        })?;
    reply.map_err(|_| ClientError::CouldNotReadInput(label.to_owned()))
}

/// Lower-case hex of `bytes`.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

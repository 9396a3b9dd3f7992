//! What every flow needs: the backend bound, the dev keys, the suite deployed through ink_e2e,
//! typed calls that must succeed or must be refused, queries, and native balances.
//!
//! Calls go through ink_e2e's builders with the contracts' own typed call builders
//! (`ink_e2e::create_call_builder::<Contract>(address)`): `submit()` dry-runs the message,
//! then sends it as an extrinsic (node) or executes it (sandbox), and returns the dry run's
//! decoded value. A refusal is observed with `dry_run()` alone: the contract's typed error is
//! decoded from the reverted output, and nothing is ever written.

use governance::governance::{Governance, GovernanceRef};
use governance::params::GovernanceParams;
use ink::codegen::ContractCallBuilder;
use ink::scale::{Decode, Encode};
use ink_e2e::subxt::dynamic::Value;
use ink_e2e::{CallBuilderFinal, ChainBackend, ContractsBackend, E2EBackend, Keypair};
use interfaces::{GovernanceError, MemberRegistry, RegistryError, PSP22};
use payout_splitter::payout_splitter::PayoutSplitter;
use personal_token::personal_token::PersonalToken;
use registry::registry::{Registry, RegistryRef};
use registry::types::RegistryParams;
use std::fmt::Debug;

pub use deploy::config::{DAY, UNIT};
pub use deploy::demo::{terms_hash, SUPPLY};
pub use interfaces::{AccountId, Balance, Hash, Timestamp};

/// What a flow returns: `Ok(())`, or the first step that went wrong.
pub type E2EResult<T> = Result<T, Box<dyn std::error::Error>>;

/// The contracts' environment.
pub type Env = ink::env::DefaultEnvironment;

/// An ink_e2e backend for the suite: ink_e2e's sandbox client or its node client, with the
/// environment's account and balance types and printable errors. Implemented for every
/// [`E2EBackend`] that fits; the flows are written once against it.
pub trait Backend:
    E2EBackend<Env>
    + ChainBackend<AccountId = AccountId, Balance = Balance, Error: Debug>
    + ContractsBackend<Env, Error: Debug>
{
}

impl<C> Backend for C where
    C: E2EBackend<Env>
        + ChainBackend<AccountId = AccountId, Balance = Balance, Error: Debug>
        + ContractsBackend<Env, Error: Debug>
{
}

/// Native value every dev account holds before a flow starts. The largest single payment of
/// a flow is 100 000 UNIT; the node's dev accounts start with about 1.15 million UNIT, while
/// ink_e2e's sandbox funds them with 1 000 UNIT only, so the sandbox tops them up.
pub const WORKING_BALANCE: Balance = 500_000 * UNIT;

/// Upper bound of what a signer pays beyond the value he sends in one step of a flow:
/// transaction fees and storage deposits on the node (at most 0.31 UNIT seen: a subscription
/// and its settlement), none and planck-sized on the sandbox.
pub const FEES: Balance = UNIT;

/// Price of one token unit in the flows' offerings: 1% of [`SUPPLY`] costs 100 000 UNIT.
pub const PRICE_PER_UNIT: Balance = 10_000_000;

/// The account of a key.
pub fn id(keypair: &Keypair) -> AccountId {
    AccountId::from(keypair.public_key().0)
}

/// The six dev keys (`//Alice` ... `//Ferdie`): the founders of every suite the flows deploy.
pub fn dev_keys() -> [Keypair; 6] {
    [
        ink_e2e::alice(),
        ink_e2e::bob(),
        ink_e2e::charlie(),
        ink_e2e::dave(),
        ink_e2e::eve(),
        ink_e2e::ferdie(),
    ]
}

// ----- call builders -------------------------------------------------------------------------

/// Typed call builder of the registry at `address`.
pub fn registry(address: AccountId) -> <Registry as ContractCallBuilder>::Type {
    ink_e2e::create_call_builder::<Registry>(address)
}

/// Typed call builder of governance at `address`.
pub fn governance(address: AccountId) -> <Governance as ContractCallBuilder>::Type {
    ink_e2e::create_call_builder::<Governance>(address)
}

/// Typed call builder of the personal token at `address`.
pub fn token(address: AccountId) -> <PersonalToken as ContractCallBuilder>::Type {
    ink_e2e::create_call_builder::<PersonalToken>(address)
}

/// Typed call builder of the payout splitter at `address`.
pub fn splitter(address: AccountId) -> <PayoutSplitter as ContractCallBuilder>::Type {
    ink_e2e::create_call_builder::<PayoutSplitter>(address)
}

// ----- calls ---------------------------------------------------------------------------------

/// `0x` and the selector of `message`, to say which call failed.
fn selector_of<Args, R>(message: &CallBuilderFinal<Env, Args, R>) -> String
where
    Args: Encode + Clone,
    CallBuilderFinal<Env, Args, R>: Clone,
{
    let input = message.clone().params().exec_input().encode();
    let hex: String = input.iter().take(4).map(|b| format!("{b:02x}")).collect();
    format!("message 0x{hex}")
}

/// `signer` sends `message` with `value`; it must succeed. Returns its value.
///
/// # Errors
/// The contract refused (its typed error), or the chain failed.
pub async fn ok<C, Args, T, E>(
    client: &mut C,
    signer: &Keypair,
    message: &CallBuilderFinal<Env, Args, Result<T, E>>,
    value: Balance,
) -> E2EResult<T>
where
    C: Backend,
    Args: Sync + Encode + Clone,
    T: Send + Decode,
    E: Send + Decode + Debug,
    CallBuilderFinal<Env, Args, Result<T, E>>: Clone,
{
    let submitted = client.call(signer, message).value(value).submit().await;
    match submitted {
        Ok(result) => match result.message_result() {
            Ok(Ok(returned)) => Ok(returned),
            Ok(Err(error)) => Err(format!("{} refused: {error:?}", selector_of(message)).into()),
            Err(lang_error) => Err(format!("{}: {lang_error:?}", selector_of(message)).into()),
        },
        Err(chain_error) => {
            // On a node a refused message fails its extrinsic: the dry run says why.
            let reason = match client.call(signer, message).value(value).dry_run().await {
                Ok(dry_run) => match dry_run.message_result() {
                    Ok(Err(error)) => format!(" (the contract refused: {error:?})"),
                    _ => String::new(),
                },
                Err(_) => String::new(),
            };
            Err(format!("{} failed: {chain_error:?}{reason}", selector_of(message)).into())
        }
    }
}

/// `signer` tries `message` with `value` (a dry run: nothing changes); the contract must
/// refuse it. Returns its typed error.
///
/// # Errors
/// It would succeed, or the chain failed below the contract's error type.
pub async fn refused<C, Args, T, E>(
    client: &mut C,
    signer: &Keypair,
    message: &CallBuilderFinal<Env, Args, Result<T, E>>,
    value: Balance,
) -> E2EResult<E>
where
    C: Backend,
    Args: Sync + Encode + Clone,
    T: Send + Decode + Debug,
    E: Send + Decode,
    CallBuilderFinal<Env, Args, Result<T, E>>: Clone,
{
    let dry_run = client
        .call(signer, message)
        .value(value)
        .dry_run()
        .await
        .map_err(|error| format!("{}: {error:?}", selector_of(message)))?;
    match dry_run.message_result() {
        Ok(Err(error)) => Ok(error),
        Ok(Ok(returned)) => Err(format!(
            "{}: expected a refusal, got Ok({returned:?})",
            selector_of(message)
        )
        .into()),
        Err(lang_error) => Err(format!("{}: {lang_error:?}", selector_of(message)).into()),
    }
}

/// Runs `message` as a query (a dry run signed by Alice). Returns its value.
///
/// # Errors
/// The chain failed.
pub async fn query<C, Args, R>(
    client: &mut C,
    message: &CallBuilderFinal<Env, Args, R>,
) -> E2EResult<R>
where
    C: Backend,
    Args: Sync + Encode + Clone,
    R: Send + Decode,
    CallBuilderFinal<Env, Args, R>: Clone,
{
    let dry_run = client
        .call(&ink_e2e::alice(), message)
        .dry_run()
        .await
        .map_err(|error| format!("{}: {error:?}", selector_of(message)))?;
    dry_run
        .message_result()
        .map_err(|lang_error| format!("{}: {lang_error:?}", selector_of(message)).into())
}

// ----- native balances -----------------------------------------------------------------------

/// Free native balance of `account`, through the backend's balance API.
///
/// # Errors
/// The chain failed.
pub async fn balance<C: Backend>(client: &mut C, account: AccountId) -> E2EResult<Balance> {
    client
        .free_balance(account)
        .await
        .map_err(|error| format!("free_balance: {error:?}").into())
}

/// `from` sends `amount` to `to` (`Balances::transfer_allow_death`, a runtime call).
///
/// # Errors
/// The chain refused the transfer.
pub async fn transfer<C: Backend>(
    client: &mut C,
    from: &Keypair,
    to: AccountId,
    amount: Balance,
) -> E2EResult<()> {
    let destination = Value::unnamed_variant("Id", [Value::from_bytes(AsRef::<[u8]>::as_ref(&to))]);
    client
        .runtime_call(
            from,
            "Balances",
            "transfer_allow_death",
            vec![destination, Value::u128(amount)],
        )
        .await
        .map_err(|error| format!("transfer: {error:?}"))?;
    Ok(())
}

/// Tops every dev account up to [`WORKING_BALANCE`]: a fresh account is funded by the backend
/// (minted on the sandbox; sent by the richest dev account on a node), and pays the top-up.
/// On a fresh node nothing needs doing.
///
/// # Errors
/// The chain failed.
pub async fn fund_dev_accounts<C: Backend>(client: &mut C) -> E2EResult<()> {
    let keys = dev_keys();
    let mut balances = Vec::with_capacity(keys.len());
    for key in &keys {
        balances.push(balance(client, id(key)).await?);
    }
    let richest = balances
        .iter()
        .enumerate()
        .max_by_key(|(_, balance)| **balance)
        .map(|(index, _)| keys[index].clone())
        .ok_or("no dev keys")?;
    for (key, held) in keys.iter().zip(balances) {
        if held < WORKING_BALANCE {
            let missing = WORKING_BALANCE - held;
            let funder = client
                .create_and_fund_account(&richest, missing + FEES)
                .await;
            transfer(client, &funder, id(key), missing).await?;
        }
    }
    Ok(())
}

/// `after - before` for a balance that must not have gone down.
///
/// # Errors
/// It went down.
pub fn gained(before: Balance, after: Balance) -> E2EResult<Balance> {
    after
        .checked_sub(before)
        .ok_or_else(|| format!("the balance fell from {before} to {after}").into())
}

/// `before - after` for a balance that must not have gone up.
///
/// # Errors
/// It went up.
pub fn spent(before: Balance, after: Balance) -> E2EResult<Balance> {
    before
        .checked_sub(after)
        .ok_or_else(|| format!("the balance rose from {before} to {after}").into())
}

/// Checks that a signer's balance moved by `expected` plus at most [`FEES`] of fees and
/// deposits: `actual` is what he spent (or `expected` minus what he received).
///
/// # Errors
/// Outside `expected..=expected + FEES`.
pub fn within_fees(what: &str, actual: Balance, expected: Balance) -> E2EResult<()> {
    if (expected..=expected + FEES).contains(&actual) {
        Ok(())
    } else {
        Err(format!("{what}: {actual}, expected {expected} plus at most {FEES} of fees").into())
    }
}

// ----- the suite -----------------------------------------------------------------------------

/// A suite deployed through ink_e2e by one flow.
#[derive(Debug, Clone, Copy)]
pub struct Suite {
    /// Governance.
    pub governance: AccountId,
    /// The registry (and token factory).
    pub registry: AccountId,
    /// The registry's parameters.
    pub registry_params: RegistryParams,
    /// Governance's parameters.
    pub governance_params: GovernanceParams,
    /// The chain's time when the registry was instantiated (a founder's `joined_at`).
    pub deployed_at: Timestamp,
}

/// The registry parameters of the deployment plan's built-in configuration.
pub fn registry_params() -> RegistryParams {
    deploy::config::registry_params()
}

/// The deployment plan's governance parameters (two-day phases).
pub fn governance_params() -> GovernanceParams {
    deploy::config::governance_params()
}

/// Deploys the suite as the deployment plan does, with ink_e2e and Alice as the deployer:
/// uploads the token and splitter code for the factory, instantiates governance with
/// `governance_params`, instantiates the registry with the six dev accounts as founders, wires
/// governance to it, and checks the hand-over (no wiring authority left, the registry obeys
/// governance, the factory holds the uploaded code hashes).
///
/// # Errors
/// A step failed.
pub async fn deploy_suite<C: Backend>(
    client: &mut C,
    governance_params: GovernanceParams,
) -> E2EResult<Suite> {
    let deployer = ink_e2e::alice();
    let token_code = client
        .upload("personal_token", &deployer)
        .submit()
        .await
        .map_err(|error| format!("upload personal_token: {error:?}"))?
        .code_hash;
    let splitter_code = client
        .upload("payout_splitter", &deployer)
        .submit()
        .await
        .map_err(|error| format!("upload payout_splitter: {error:?}"))?
        .code_hash;
    let roster_code = client
        .upload("roster", &deployer)
        .submit()
        .await
        .map_err(|error| format!("upload roster: {error:?}"))?
        .code_hash;

    let mut governance_constructor =
        GovernanceRef::new(governance_params, deploy::config::local_governance_floors());
    let instantiated = client
        .instantiate("governance", &deployer, &mut governance_constructor)
        .submit()
        .await
        .map_err(|error| format!("instantiate governance: {error:?}"))?;
    let constructed = instantiated
        .dry_run
        .constructor_result::<Result<(), GovernanceError>>();
    if constructed != Ok(Ok(())) {
        return Err(format!("governance's constructor refused: {constructed:?}").into());
    }
    let governance_address = instantiated.account_id;

    let founders: Vec<AccountId> = dev_keys().iter().map(id).collect();
    let registry_params = registry_params();
    let mut registry_constructor = RegistryRef::new(
        founders,
        governance_address,
        registry_params,
        deploy::config::local_registry_floors(),
        token_code,
        splitter_code,
        roster_code,
    );
    let instantiated = client
        .instantiate("registry", &deployer, &mut registry_constructor)
        .submit()
        .await
        .map_err(|error| format!("instantiate registry: {error:?}"))?;
    let constructed = instantiated
        .dry_run
        .constructor_result::<Result<(), RegistryError>>();
    if constructed != Ok(Ok(())) {
        return Err(format!("the registry's constructor refused: {constructed:?}").into());
    }
    let registry_address = instantiated.account_id;

    let mut governance_calls = governance(governance_address);
    ok(
        client,
        &deployer,
        &governance_calls.wire(registry_address),
        0,
    )
    .await?;

    // Hand-over: no personal key keeps power.
    let registry_calls = registry(registry_address);
    assert_eq!(
        query(client, &governance_calls.wiring_authority()).await?,
        None
    );
    assert_eq!(
        query(client, &governance_calls.registry()).await?,
        Some(registry_address)
    );
    assert_eq!(
        query(client, &registry_calls.governance()).await?,
        governance_address
    );
    let hashes = query(client, &registry_calls.code_hashes()).await?;
    assert_eq!((hashes.token, hashes.splitter), (token_code, splitter_code));
    let roster = query(client, &registry_calls.roster()).await?;
    assert_eq!(
        query(client, &governance_calls.roster()).await?,
        Some(roster)
    );
    assert_eq!(query(client, &registry_calls.active_count()).await?, 6);
    let founder = query(client, &registry_calls.member(id(&deployer)))
        .await?
        .ok_or("Alice is not a founder")?;
    Ok(Suite {
        governance: governance_address,
        registry: registry_address,
        registry_params,
        governance_params,
        deployed_at: founder.joined_at,
    })
}

/// A token launched through the registry's factory.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Launched {
    /// The personal token.
    pub token: AccountId,
    /// Its payout splitter.
    pub splitter: AccountId,
}

/// `issuer` launches his token of [`SUPPLY`] (6 decimals, two-day decision period, no
/// auto-approval) through the registry; checks the registry recorded it and the issuer holds
/// the whole supply.
///
/// # Errors
/// A step failed.
pub async fn launch<C: Backend>(
    client: &mut C,
    suite: &Suite,
    issuer: &Keypair,
) -> E2EResult<Launched> {
    let mut registry_calls = registry(suite.registry);
    let (token_address, splitter_address) = ok(
        client,
        issuer,
        &registry_calls.launch_token(
            "Personal".into(),
            "PT".into(),
            6,
            SUPPLY,
            terms_hash(),
            2 * DAY,
            false,
        ),
        0,
    )
    .await?;
    assert_eq!(
        query(client, &registry_calls.token_of(id(issuer))).await?,
        Some(token_address)
    );
    assert_eq!(
        query(client, &registry_calls.splitter_of(id(issuer))).await?,
        Some(splitter_address)
    );
    assert_eq!(
        query(client, &token(token_address).balance_of(id(issuer))).await?,
        SUPPLY
    );
    Ok(Launched {
        token: token_address,
        splitter: splitter_address,
    })
}

/// The issuer sells `amount` to `buyer` in an open offering at `price_per_unit`; the buyer
/// subscribes for all of it (sold out) and settles.
///
/// # Errors
/// A step failed.
pub async fn buy_in_offering<C: Backend>(
    client: &mut C,
    suite: &Suite,
    launched: Launched,
    issuer: &Keypair,
    buyer: &Keypair,
    amount: Balance,
    price_per_unit: Balance,
) -> E2EResult<()> {
    let mut token_calls = token(launched.token);
    let deadline = suite.deployed_at + 7 * DAY;
    let offering = ok(
        client,
        issuer,
        &token_calls.open_offering(amount, price_per_unit, 0, deadline, Vec::new()),
        0,
    )
    .await?;
    ok(
        client,
        buyer,
        &token_calls.subscribe(offering, amount, terms_hash()),
        amount * price_per_unit,
    )
    .await?;
    ok(client, buyer, &token_calls.settle(offering), 0).await?;
    Ok(())
}

/// `candidate` applies and each of `vouchers` vouches for him; he must then be active.
///
/// # Errors
/// A step failed.
pub async fn admit<C: Backend>(
    client: &mut C,
    suite: &Suite,
    candidate: &Keypair,
    vouchers: &[&Keypair],
) -> E2EResult<()> {
    let mut registry_calls = registry(suite.registry);
    ok(
        client,
        candidate,
        &registry_calls.apply(Hash::from([0x11; 32])),
        suite.registry_params.application_bond,
    )
    .await?;
    for voucher in vouchers {
        ok(
            client,
            voucher,
            &registry_calls.vouch(id(candidate)),
            suite.registry_params.vouch_bond,
        )
        .await?;
    }
    if query(client, &registry_calls.is_active(id(candidate))).await? {
        Ok(())
    } else {
        Err("the candidate was not admitted".into())
    }
}

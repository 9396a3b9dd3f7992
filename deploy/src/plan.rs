//! The deployment plan, written once for every backend.
//!
//! Steps, each skipped when the chain already shows it done (so an interrupted deployment
//! resumes from the first missing step):
//! 1. upload the code of governance, registry, personal_token, payout_splitter and roster;
//! 2. instantiate governance with its parameters;
//! 3. instantiate the registry with the genesis members, governance's address, its parameters,
//!    the token and splitter code hashes for its factory and the roster's code hash: the
//!    registry instantiates its roster (with the genesis members) in the same transaction, and
//!    is its only writer;
//! 4. wire governance to the registry (once; this consumes the deployer's wiring right);
//! 5. hand over: assert that no externally owned account keeps any admin power: governance has
//!    no wiring authority left and knows the registry and its roster, the registry obeys
//!    governance alone, and the roster obeys the registry alone.
//!
//! Tokens and splitters are not deployed by the plan: members launch them through the
//! registry's factory, which wires each pair once and keeps no power over them.

use crate::artifacts::Artifacts;
use crate::backend::Backend;
use crate::client::{contract, Client, ClientError};
use crate::manifest::{hash_hex, parse_account, parse_hash, ss58, Deployment, PLAN_VERSION};
use governance::governance::{Governance, GovernanceRef};
use governance::params::GovernanceParams;
use interfaces::MemberRegistry;
use interfaces::{AccountId, Hash};
use registry::registry::{Registry, RegistryRef};
use registry::types::RegistryParams;
use roster::roster::Roster;

/// What the plan deploys with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanConfig {
    /// Network name for the manifest.
    pub network: String,
    /// The founders: active members from the start.
    pub genesis_members: Vec<AccountId>,
    /// Registry parameters.
    pub registry: RegistryParams,
    /// Governance parameters.
    pub governance: GovernanceParams,
    /// The registry's floors, fixed at its construction.
    pub registry_floors: RegistryParams,
    /// Governance's floors, fixed at its construction.
    pub governance_floors: GovernanceParams,
    /// Salt of both instantiations (change it to deploy a second suite from the same account).
    pub salt: Vec<u8>,
}

/// A step that failed, what failed, and what to do.
#[derive(Debug, thiserror::Error)]
#[error("step `{step}` failed: {reason}\n  what to do: {advice}")]
pub struct PlanError {
    /// The step.
    pub step: String,
    /// The failure (a chain error or the contract's typed error).
    pub reason: String,
    /// What the user can do about it.
    pub advice: String,
}

fn failed(step: &str, reason: impl ToString, advice: &str) -> PlanError {
    PlanError {
        step: step.to_owned(),
        reason: reason.to_string(),
        advice: advice.to_owned(),
    }
}

fn chain_failed(step: &str, error: ClientError) -> PlanError {
    let advice = match &error {
        ClientError::Backend(crate::backend::BackendError::Transport(_)) => {
            "check that the node is running and reachable, then run the plan again: it resumes"
        }
        ClientError::Backend(crate::backend::BackendError::UnknownSigner(_)) => {
            "give the deployer's key with --suri-file or the PT_SURI environment variable"
        }
        ClientError::Decode { .. } | ClientError::CouldNotReadInput(_) => {
            "the artifacts do not match this plan: run `make build` and try again"
        }
        ClientError::Backend(crate::backend::BackendError::Dispatch(text))
            if text.contains("DuplicateContract") =>
        {
            "a suite with this salt already exists on this chain: keep its manifest to resume, \
             or set a new `salt` in the configuration"
        }
        _ => "check the deployer's balance and the chain's contracts pallet, then run again",
    };
    failed(step, error, advice)
}

/// Progress output of the plan.
pub trait Progress {
    /// A step starts (`done` says it is already done on chain and will be skipped).
    fn step(&mut self, index: usize, total: usize, label: &str, done: bool);
    /// A step finished, with what it produced.
    fn detail(&mut self, text: &str);
}

/// The resources of the client's last extrinsic, for the progress output.
fn last_gas<B: Backend>(client: &Client<B>) -> String {
    match client.last_record() {
        Some(record) => format!(
            "estimated gas: ref_time {:.2} ms, proof size {} B; storage deposit {}",
            record.gas.ref_time as f64 / 1e9,
            record.gas.proof_size,
            record.gas.storage_deposit
        ),
        None => String::new(),
    }
}

/// Progress printed to standard output.
pub struct PrintProgress;

impl Progress for PrintProgress {
    fn step(&mut self, index: usize, total: usize, label: &str, done: bool) {
        let status = if done { " (already done, skipped)" } else { "" };
        println!("[{index}/{total}] {label}{status}");
    }

    fn detail(&mut self, text: &str) {
        println!("      {text}");
    }
}

/// No progress output (tests).
pub struct Quiet;

impl Progress for Quiet {
    fn step(&mut self, _: usize, _: usize, _: &str, _: bool) {}
    fn detail(&mut self, _: &str) {}
}

/// The addresses and code hashes of a complete deployment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Suite {
    /// Governance.
    pub governance: AccountId,
    /// Registry.
    pub registry: AccountId,
    /// Personal token code (for the factory).
    pub token_code: Hash,
    /// Payout splitter code (for the factory).
    pub splitter_code: Hash,
    /// Governance code.
    pub governance_code: Hash,
    /// Registry code.
    pub registry_code: Hash,
    /// The registry's roster.
    pub roster: AccountId,
    /// Roster code.
    pub roster_code: Hash,
}

const TOTAL_STEPS: usize = 9;

/// Runs the plan as `deployer`, resuming from `manifest` (pass a fresh
/// `Deployment::default()` for a new deployment); `save` is called after every step with the
/// updated manifest.
///
/// # Errors
/// The first step that fails, with the contract's typed error and what to do.
pub fn run<B: Backend>(
    client: &mut Client<B>,
    deployer: AccountId,
    artifacts: &Artifacts,
    config: &PlanConfig,
    manifest: &mut Deployment,
    progress: &mut dyn Progress,
    save: &mut dyn FnMut(&Deployment) -> Result<(), String>,
) -> Result<Suite, PlanError> {
    let problems = crate::config::below_recommended(config);
    if !problems.is_empty() {
        return Err(failed(
            "check the configuration",
            problems.join("; "),
            "a non-local network needs at least the recommended floors (README, \"Parameters \
             and floors\"): raise the parameters and floors in the configuration file",
        ));
    }
    manifest.plan_version = PLAN_VERSION;
    manifest.network = config.network.clone();
    manifest.deployer = ss58(deployer);
    let mut save_step = |manifest: &Deployment, step: &str| {
        save(manifest).map_err(|e| failed(step, e, "check that the manifest directory is writable"))
    };

    // 1-5. Upload the codes.
    let uploads = [
        (&artifacts.governance, "upload governance code"),
        (&artifacts.registry, "upload registry code"),
        (&artifacts.personal_token, "upload personal_token code"),
        (&artifacts.payout_splitter, "upload payout_splitter code"),
        (&artifacts.roster, "upload roster code"),
    ];
    let mut hashes = Vec::new();
    for (index, (artifact, label)) in uploads.into_iter().enumerate() {
        let stored = client
            .backend
            .code_exists(artifact.code_hash)
            .map_err(|e| chain_failed(label, e.into()))?;
        progress.step(index + 1, TOTAL_STEPS, label, stored);
        let hash = if stored {
            artifact.code_hash
        } else {
            let hash = client
                .upload(label, deployer, artifact.wasm.clone())
                .map_err(|e| chain_failed(label, e))?;
            progress.detail(&last_gas(client));
            if hash != artifact.code_hash {
                return Err(failed(
                    label,
                    format!("the chain stored hash {}", hash_hex(hash)),
                    "the artifact's recorded hash differs: run `make build` again",
                ));
            }
            hash
        };
        progress.detail(&format!(
            "code hash {} ({} bytes)",
            hash_hex(hash),
            artifact.wasm.len()
        ));
        hashes.push(hash);
    }
    let (governance_code, registry_code, token_code, splitter_code, roster_code) =
        (hashes[0], hashes[1], hashes[2], hashes[3], hashes[4]);
    manifest.code_hashes.governance = Some(hash_hex(governance_code));
    manifest.code_hashes.registry = Some(hash_hex(registry_code));
    manifest.code_hashes.personal_token = Some(hash_hex(token_code));
    manifest.code_hashes.payout_splitter = Some(hash_hex(splitter_code));
    manifest.code_hashes.roster = Some(hash_hex(roster_code));
    save_step(manifest, "upload")?;

    // 6. Governance.
    let label = "instantiate governance";
    let existing = recorded_contract(client, manifest.governance.as_deref(), label)?;
    progress.step(6, TOTAL_STEPS, label, existing.is_some());
    let governance = match existing {
        Some(address) => address,
        None => {
            let address = client
                .instantiate(
                    label,
                    deployer,
                    governance_code,
                    GovernanceRef::new(config.governance, config.governance_floors),
                    0,
                    config.salt.clone(),
                )
                .map_err(|e| chain_failed(label, e))?;
            progress.detail(&last_gas(client));
            manifest.governance = Some(ss58(address));
            save_step(manifest, label)?;
            address
        }
    };
    progress.detail(&format!("governance at {}", ss58(governance)));

    // 7. Registry (and, inside it, the roster).
    let label = "instantiate registry";
    let existing = recorded_contract(client, manifest.registry.as_deref(), label)?;
    progress.step(7, TOTAL_STEPS, label, existing.is_some());
    let registry = match existing {
        Some(address) => address,
        None => {
            let address = client
                .instantiate(
                    label,
                    deployer,
                    registry_code,
                    RegistryRef::new(
                        config.genesis_members.clone(),
                        governance,
                        config.registry,
                        config.registry_floors,
                        token_code,
                        splitter_code,
                        roster_code,
                    ),
                    0,
                    config.salt.clone(),
                )
                .map_err(|e| chain_failed(label, e))?;
            progress.detail(&last_gas(client));
            manifest.registry = Some(ss58(address));
            save_step(manifest, label)?;
            address
        }
    };
    let roster = client
        .query(deployer, contract::<Registry>(registry).roster())
        .map_err(|e| chain_failed(label, e))?;
    manifest.roster = Some(ss58(roster));
    save_step(manifest, label)?;
    progress.detail(&format!(
        "registry at {} with {} genesis members, its roster at {}",
        ss58(registry),
        config.genesis_members.len(),
        ss58(roster)
    ));

    // 8. Wire governance to the registry.
    let label = "wire governance to the registry";
    let mut governance_ref = contract::<Governance>(governance);
    let wired_to = client
        .query(deployer, governance_ref.registry())
        .map_err(|e| chain_failed(label, e))?;
    progress.step(8, TOTAL_STEPS, label, wired_to.is_some());
    match wired_to {
        Some(address) if address == registry => {}
        Some(other) => {
            return Err(failed(
                label,
                format!("governance is wired to another registry, {}", ss58(other)),
                "this manifest does not describe this chain: use a new manifest or salt",
            ))
        }
        None => {
            client
                .call(label, deployer, governance_ref.wire(registry), 0)
                .map_err(|e| chain_failed(label, e))?
                .map_err(|e| failed(label, format!("{e:?}"), "only the deployer may wire"))?;
            progress.detail(&last_gas(client));
        }
    }
    manifest.wired = true;
    save_step(manifest, label)?;

    // 9. Hand-over checks.
    let label = "hand over: no personal key keeps admin power";
    progress.step(9, TOTAL_STEPS, label, false);
    let suite = Suite {
        governance,
        registry,
        token_code,
        splitter_code,
        governance_code,
        registry_code,
        roster,
        roster_code,
    };
    let findings =
        handover_findings(client, deployer, &suite).map_err(|e| chain_failed(label, e))?;
    if !findings.is_empty() {
        return Err(failed(
            label,
            findings.join("; "),
            "this is a bug in the plan: report it",
        ));
    }
    progress.detail("governance: no wiring authority left, wired to the registry");
    progress.detail("registry: obeys governance only; factory code hashes recorded");
    progress.detail("roster: written by the registry only; governance asks it");
    manifest.handed_over = true;
    save_step(manifest, label)?;
    Ok(suite)
}

/// The contract a manifest records, if it exists on chain.
fn recorded_contract<B: Backend>(
    client: &mut Client<B>,
    recorded: Option<&str>,
    step: &str,
) -> Result<Option<AccountId>, PlanError> {
    let Some(text) = recorded else {
        return Ok(None);
    };
    let address = parse_account(text).map_err(|e| failed(step, e, "fix or delete the manifest"))?;
    let exists = client
        .backend
        .contract_exists(address)
        .map_err(|e| chain_failed(step, e.into()))?;
    Ok(exists.then_some(address))
}

/// Every way a personal key could still hold power over the suite (empty: none).
///
/// # Errors
/// A query failed.
pub fn handover_findings<B: Backend>(
    client: &mut Client<B>,
    asker: AccountId,
    suite: &Suite,
) -> Result<Vec<String>, ClientError> {
    let mut findings = Vec::new();
    let governance = contract::<Governance>(suite.governance);
    let registry = contract::<Registry>(suite.registry);
    if let Some(authority) = client.query(asker, governance.wiring_authority())? {
        findings.push(format!(
            "governance can still be wired by {}",
            ss58(authority)
        ));
    }
    if client.query(asker, governance.registry())? != Some(suite.registry) {
        findings.push("governance is not wired to the registry".into());
    }
    let obeys = client.query(asker, registry.governance())?;
    if obeys != suite.governance {
        findings.push(format!(
            "the registry obeys {}, not governance",
            ss58(obeys)
        ));
    }
    let hashes = client.query(asker, registry.code_hashes())?;
    if hashes.token != suite.token_code || hashes.splitter != suite.splitter_code {
        findings.push("the registry's factory code hashes are not the uploaded ones".into());
    }
    if client.query(asker, registry.roster())? != suite.roster {
        findings.push("the registry names another roster".into());
    }
    let writer = client.query(asker, contract::<Roster>(suite.roster).writer())?;
    if writer != suite.registry {
        findings.push(format!(
            "the roster obeys {}, not the registry",
            ss58(writer)
        ));
    }
    if client.query(asker, governance.roster())? != Some(suite.roster) {
        findings.push("governance does not ask the registry's roster".into());
    }
    Ok(findings)
}

/// Rebuilds a [`Suite`] from a complete manifest.
///
/// # Errors
/// A field is missing or malformed.
pub fn suite_from_manifest(manifest: &Deployment) -> Result<Suite, String> {
    let need = |field: &Option<String>, name: &str| {
        field
            .clone()
            .ok_or_else(|| format!("the manifest has no {name}: run the plan first"))
    };
    Ok(Suite {
        governance: parse_account(&need(&manifest.governance, "governance")?)?,
        registry: parse_account(&need(&manifest.registry, "registry")?)?,
        token_code: parse_hash(&need(&manifest.code_hashes.personal_token, "token code")?)?,
        splitter_code: parse_hash(&need(
            &manifest.code_hashes.payout_splitter,
            "splitter code",
        )?)?,
        governance_code: parse_hash(&need(&manifest.code_hashes.governance, "governance code")?)?,
        registry_code: parse_hash(&need(&manifest.code_hashes.registry, "registry code")?)?,
        roster: parse_account(&need(&manifest.roster, "roster")?)?,
        roster_code: parse_hash(&need(&manifest.code_hashes.roster, "roster code")?)?,
    })
}

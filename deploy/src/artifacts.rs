//! The five built contracts, read from the `.contract` bundles `make build` writes under
//! `${CARGO_TARGET_DIR:-target}/ink/<name>/<name>.contract`.

use interfaces::Hash;
use std::path::{Path, PathBuf};

/// The contracts of the suite, in upload order.
pub const CONTRACTS: [&str; 5] = [
    "governance",
    "registry",
    "personal_token",
    "payout_splitter",
    "roster",
];

/// Why the artifacts could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum ArtifactError {
    /// A bundle is missing: the contracts were not built.
    #[error("missing {path}: build the contracts first with `make build`")]
    Missing {
        /// The path looked at.
        path: String,
    },
    /// A bundle could not be read or parsed.
    #[error("cannot read {path}: {reason} (rebuild with `make build`)")]
    Invalid {
        /// The bundle.
        path: String,
        /// What went wrong.
        reason: String,
    },
}

/// One built contract.
#[derive(Debug, Clone)]
pub struct Artifact {
    /// Crate name.
    pub name: String,
    /// Optimized Wasm code.
    pub wasm: Vec<u8>,
    /// Blake2-256 of the code as recorded by cargo-contract (the on-chain code hash).
    pub code_hash: Hash,
    /// Path of the bundle.
    pub path: PathBuf,
}

/// All five contracts.
#[derive(Debug, Clone)]
pub struct Artifacts {
    /// Governance.
    pub governance: Artifact,
    /// Registry.
    pub registry: Artifact,
    /// Personal token.
    pub personal_token: Artifact,
    /// Payout splitter.
    pub payout_splitter: Artifact,
    /// Roster (instantiated by the registry's constructor).
    pub roster: Artifact,
}

/// Where `make build` puts the bundles: `$PERSONAL_TOKENS_ARTIFACTS`, else
/// `$CARGO_TARGET_DIR/ink`, else `<workspace>/target/ink`.
pub fn default_dir() -> PathBuf {
    if let Ok(dir) = std::env::var("PERSONAL_TOKENS_ARTIFACTS") {
        return PathBuf::from(dir);
    }
    let target = std::env::var("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|_| Path::new(env!("CARGO_MANIFEST_DIR")).join("../target"));
    target.join("ink")
}

fn invalid(path: &Path, reason: impl ToString) -> ArtifactError {
    ArtifactError::Invalid {
        path: path.display().to_string(),
        reason: reason.to_string(),
    }
}

fn parse_hex(path: &Path, text: &str) -> Result<Vec<u8>, ArtifactError> {
    let digits = text.strip_prefix("0x").unwrap_or(text);
    if !digits.len().is_multiple_of(2) {
        return Err(invalid(path, "odd hex length"));
    }
    (0..digits.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&digits[i..i + 2], 16).map_err(|e| invalid(path, e)))
        .collect()
}

/// Loads contract `name` from `dir/<name>/<name>.contract`.
pub fn load(dir: &Path, name: &str) -> Result<Artifact, ArtifactError> {
    let path = dir.join(name).join(format!("{name}.contract"));
    let text = std::fs::read_to_string(&path).map_err(|_| ArtifactError::Missing {
        path: path.display().to_string(),
    })?;
    let bundle: serde_json::Value = serde_json::from_str(&text).map_err(|e| invalid(&path, e))?;
    let source = &bundle["source"];
    let wasm_hex = source["wasm"]
        .as_str()
        .ok_or_else(|| invalid(&path, "no source.wasm"))?;
    let hash_hex = source["hash"]
        .as_str()
        .ok_or_else(|| invalid(&path, "no source.hash"))?;
    let wasm = parse_hex(&path, wasm_hex)?;
    let hash: [u8; 32] = parse_hex(&path, hash_hex)?
        .try_into()
        .map_err(|_| invalid(&path, "source.hash is not 32 bytes"))?;
    Ok(Artifact {
        name: name.to_owned(),
        wasm,
        code_hash: Hash::from(hash),
        path,
    })
}

impl Artifacts {
    /// Loads the five bundles from `dir`.
    pub fn load(dir: &Path) -> Result<Artifacts, ArtifactError> {
        Ok(Artifacts {
            governance: load(dir, "governance")?,
            registry: load(dir, "registry")?,
            personal_token: load(dir, "personal_token")?,
            payout_splitter: load(dir, "payout_splitter")?,
            roster: load(dir, "roster")?,
        })
    }

    /// Loads the five bundles from [`default_dir`].
    pub fn load_default() -> Result<Artifacts, ArtifactError> {
        Artifacts::load(&default_dir())
    }
}

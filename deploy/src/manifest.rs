//! The typed record of a deployment: every code hash and address, serialisable to JSON. The
//! live-node backend keeps it per network as `deploy/deployments/<network>.json`.

use interfaces::{AccountId, Hash};
use serde::{Deserialize, Serialize};

/// Version of the deployment plan that wrote a manifest. Bump it when the plan's steps change.
pub const PLAN_VERSION: u32 = 2;

/// The code hash of each contract.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CodeHashes {
    /// Governance code.
    pub governance: Option<String>,
    /// Registry code.
    pub registry: Option<String>,
    /// Personal token code (instantiated by the registry's factory).
    pub personal_token: Option<String>,
    /// Payout splitter code (instantiated by the registry's factory).
    pub payout_splitter: Option<String>,
    /// Roster code (instantiated by the registry's constructor).
    #[serde(default)]
    pub roster: Option<String>,
}

/// What a deployment has done so far; complete when `handed_over`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Deployment {
    /// Plan version that wrote it.
    pub plan_version: u32,
    /// Network name (`sandbox`, `local`, a testnet name).
    pub network: String,
    /// Node URL, when deployed to a live node.
    pub url: Option<String>,
    /// The account that ran the plan (it keeps no power afterwards).
    pub deployer: String,
    /// Uploaded code.
    pub code_hashes: CodeHashes,
    /// The governance contract.
    pub governance: Option<String>,
    /// The registry contract.
    pub registry: Option<String>,
    /// The roster the registry instantiated and writes (tokens and governance ask it).
    #[serde(default)]
    pub roster: Option<String>,
    /// Whether governance was wired to the registry.
    pub wired: bool,
    /// Whether the hand-over checks passed: no personal key keeps admin power.
    pub handed_over: bool,
    /// Block number at the last completed step, when known.
    pub block: Option<u64>,
    /// The first block the deployment's extrinsics could land in (the best block when a fresh
    /// plan started, plus one): where a scan of the suite's events starts (the app's activity
    /// feed). Absent in manifests written before it was recorded.
    #[serde(default)]
    pub first_block: Option<u64>,
}

impl Deployment {
    /// Reads a manifest.
    ///
    /// # Errors
    /// The file cannot be read or is not a manifest.
    pub fn read(path: &std::path::Path) -> Result<Deployment, String> {
        let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
        serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))
    }

    /// Writes the manifest (pretty JSON), creating the directory.
    ///
    /// # Errors
    /// The file cannot be written.
    pub fn write(&self, path: &std::path::Path) -> Result<(), String> {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        }
        let text = serde_json::to_string_pretty(self).map_err(|e| e.to_string())?;
        std::fs::write(path, text + "\n").map_err(|e| format!("{}: {e}", path.display()))
    }
}

/// `0x`-prefixed lower-case hex of a hash.
pub fn hash_hex(hash: Hash) -> String {
    format!("0x{}", crate::client::hex(hash.as_ref()))
}

/// An account in SS58 (generic Substrate prefix 42), as `cargo contract` prints it.
pub fn ss58(account: AccountId) -> String {
    use drink::Ss58Codec;
    drink::AccountId32::new(*account.as_ref()).to_ss58check()
}

/// Parses an SS58 address or `0x` hex account.
///
/// # Errors
/// Neither form.
pub fn parse_account(text: &str) -> Result<AccountId, String> {
    use drink::Ss58Codec;
    if let Some(hex) = text.strip_prefix("0x") {
        let bytes = parse_hex32(hex).ok_or_else(|| format!("not a 32-byte hex account: {text}"))?;
        return Ok(AccountId::from(bytes));
    }
    drink::AccountId32::from_ss58check(text)
        .map(|a| AccountId::from(<[u8; 32]>::from(a)))
        .map_err(|e| format!("not an SS58 address: {text} ({e:?})"))
}

/// Parses a `0x` hex hash.
///
/// # Errors
/// Not 32 bytes of hex.
pub fn parse_hash(text: &str) -> Result<Hash, String> {
    let hex = text.strip_prefix("0x").unwrap_or(text);
    parse_hex32(hex)
        .map(Hash::from)
        .ok_or_else(|| format!("not a 32-byte hex hash: {text}"))
}

fn parse_hex32(hex: &str) -> Option<[u8; 32]> {
    if hex.len() != 64 {
        return None;
    }
    let mut out = [0u8; 32];
    for (i, byte) in out.iter_mut().enumerate() {
        *byte = u8::from_str_radix(hex.get(2 * i..2 * i + 2)?, 16).ok()?;
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accounts_round_trip_through_ss58_and_hex() {
        let account = AccountId::from([7u8; 32]);
        assert_eq!(parse_account(&ss58(account)), Ok(account));
        assert_eq!(
            parse_account(&format!("0x{}", "07".repeat(32))),
            Ok(account)
        );
        assert!(parse_account("nonsense").is_err());
    }

    #[test]
    fn hashes_round_trip() {
        let hash = Hash::from([0xab; 32]);
        assert_eq!(parse_hash(&hash_hex(hash)), Ok(hash));
        assert!(parse_hash("0x12").is_err());
    }

    #[test]
    fn manifest_round_trips_through_json() {
        let deployment = Deployment {
            plan_version: PLAN_VERSION,
            network: "local".into(),
            governance: Some(ss58(AccountId::from([1; 32]))),
            wired: true,
            ..Deployment::default()
        };
        let dir = std::env::temp_dir().join(format!("pt-manifest-{}", std::process::id()));
        let path = dir.join("local.json");
        deployment.write(&path).unwrap();
        assert_eq!(Deployment::read(&path).unwrap(), deployment);
        std::fs::remove_dir_all(dir).unwrap();
    }
}

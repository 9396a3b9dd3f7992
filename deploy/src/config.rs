//! Plan configurations: the built-in one (sandbox, demo, tests) and JSON files for live
//! networks (`deploy/config/<network>.json`).

use crate::manifest::parse_account;
use crate::plan::PlanConfig;
use governance::params::GovernanceParams;
use interfaces::{AccountId, Balance, Timestamp};
use registry::types::RegistryParams;
use serde::{Deserialize, Serialize};

/// One native unit (12 decimals, as on substrate-contracts-node).
pub const UNIT: Balance = 1_000_000_000_000;
/// One hour in milliseconds.
pub const HOUR: Timestamp = 60 * 60 * 1000;
/// One day in milliseconds.
pub const DAY: Timestamp = 24 * HOUR;

/// The development accounts of a Substrate dev chain (`//Alice` ...), sr25519 public keys.
pub mod dev {
    use interfaces::AccountId;

    /// `//Alice`.
    pub const ALICE: [u8; 32] =
        hex32("d43593c715fdd31c61141abd04a99fd6822c8558854ccde39a5684e7a56da27d");
    /// `//Bob`.
    pub const BOB: [u8; 32] =
        hex32("8eaf04151687736326c9fea17e25fc5287613693c912909cb226aa4794f26a48");
    /// `//Charlie`.
    pub const CHARLIE: [u8; 32] =
        hex32("90b5ab205c6974c9ea841be688864633dc9ca8a357843eeacf2314649965fe22");
    /// `//Dave`.
    pub const DAVE: [u8; 32] =
        hex32("306721211d5404bd9da88e0204360a1a9ab8b87c66c1bc2fcdd37f3c2222cc20");
    /// `//Eve`.
    pub const EVE: [u8; 32] =
        hex32("e659a7a1628cdd93febc04a4e0646ea20e9f5f0ce097d9a05290d4a9e054df4e");
    /// `//Ferdie`.
    pub const FERDIE: [u8; 32] =
        hex32("1cbd2d43530a44705ad088af313e18f80b53ef16b36177cd4b77b846f2a5f07c");

    /// The account of a dev key.
    pub fn account(key: [u8; 32]) -> AccountId {
        AccountId::from(key)
    }

    const fn nibble(c: u8) -> u8 {
        match c {
            b'0'..=b'9' => c - b'0',
            b'a'..=b'f' => c - b'a' + 10,
            _ => panic!("not lower-case hex"),
        }
    }

    const fn hex32(text: &str) -> [u8; 32] {
        let bytes = text.as_bytes();
        let mut out = [0u8; 32];
        let mut i = 0;
        while i < 32 {
            out[i] = nibble(bytes[2 * i]) << 4 | nibble(bytes[2 * i + 1]);
            i += 1;
        }
        out
    }
}

/// Registry parameters of the built-in configuration.
pub fn registry_params() -> RegistryParams {
    RegistryParams {
        application_bond: 1_000 * UNIT,
        vouches_required: 2,
        vouch_bond: 500 * UNIT,
        vouching_window: 7 * DAY,
        vouch_lock_period: 180 * DAY,
        voucher_cooldown: 90 * DAY,
        resignation_cooldown: 30 * DAY,
    }
}

/// Governance parameters of the built-in configuration: two-day phases, a two-thirds
/// threshold (6 666 bps: two votes of three uphold), a two-day timelock.
pub fn governance_params() -> GovernanceParams {
    GovernanceParams {
        dispute_bond: 1_000 * UNIT,
        appeal_bond: 2_000 * UNIT,
        juror_deposit: 100 * UNIT,
        evidence_period: 2 * DAY,
        commit_period: 2 * DAY,
        reveal_period: 2 * DAY,
        appeal_period: 2 * DAY,
        min_jurors: 3,
        quorum_bps: 3_000,
        appeal_quorum_bps: 5_000,
        threshold_bps: 6_666,
        proposal_voting_period: 5 * DAY,
        proposal_quorum_bps: 3_000,
        proposal_threshold_bps: 5_001,
        timelock: 2 * DAY,
    }
}

/// The built-in configuration with `genesis_members` as founders.
pub fn builtin(network: &str, genesis_members: Vec<AccountId>) -> PlanConfig {
    PlanConfig {
        network: network.to_owned(),
        genesis_members,
        registry: registry_params(),
        governance: governance_params(),
        salt: Vec::new(),
    }
}

/// A plan configuration as written in `deploy/config/<network>.json`. Amounts are in the
/// chain's smallest unit, durations in milliseconds, accounts in SS58 or `0x` hex.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ConfigFile {
    /// Network name.
    pub network: String,
    /// Founders.
    pub genesis_members: Vec<String>,
    /// Registry parameters.
    pub registry: RegistryParamsFile,
    /// Governance parameters.
    pub governance: GovernanceParamsFile,
    /// Instantiation salt (hex), to deploy a second suite from the same account.
    #[serde(default)]
    pub salt: String,
}

/// [`RegistryParams`] in JSON.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[allow(missing_docs)]
pub struct RegistryParamsFile {
    pub application_bond: Balance,
    pub vouches_required: u32,
    pub vouch_bond: Balance,
    pub vouching_window: Timestamp,
    pub vouch_lock_period: Timestamp,
    pub voucher_cooldown: Timestamp,
    pub resignation_cooldown: Timestamp,
}

/// [`GovernanceParams`] in JSON.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[allow(missing_docs)]
pub struct GovernanceParamsFile {
    pub dispute_bond: Balance,
    pub appeal_bond: Balance,
    /// Optional in older files: the default juror deposit (100 UNIT) applies.
    #[serde(default = "default_juror_deposit")]
    pub juror_deposit: Balance,
    pub evidence_period: Timestamp,
    pub commit_period: Timestamp,
    pub reveal_period: Timestamp,
    pub appeal_period: Timestamp,
    pub min_jurors: u32,
    pub quorum_bps: u32,
    pub appeal_quorum_bps: u32,
    pub threshold_bps: u32,
    pub proposal_voting_period: Timestamp,
    pub proposal_quorum_bps: u32,
    pub proposal_threshold_bps: u32,
    pub timelock: Timestamp,
}

fn default_juror_deposit() -> Balance {
    governance_params().juror_deposit
}

impl ConfigFile {
    /// Reads a configuration file.
    ///
    /// # Errors
    /// Unreadable, not JSON of this shape, or a bad account.
    pub fn read(path: &std::path::Path) -> Result<PlanConfig, String> {
        let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
        let file: ConfigFile =
            serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
        file.into_config()
    }

    /// The plan configuration it describes.
    ///
    /// # Errors
    /// A bad account or salt.
    pub fn into_config(self) -> Result<PlanConfig, String> {
        let genesis_members = self
            .genesis_members
            .iter()
            .map(|text| parse_account(text))
            .collect::<Result<Vec<_>, _>>()?;
        let salt_hex = self.salt.strip_prefix("0x").unwrap_or(&self.salt);
        let salt = (0..salt_hex.len())
            .step_by(2)
            .map(|i| {
                salt_hex
                    .get(i..i + 2)
                    .and_then(|b| u8::from_str_radix(b, 16).ok())
                    .ok_or_else(|| format!("salt is not hex: {}", self.salt))
            })
            .collect::<Result<Vec<_>, _>>()?;
        let r = self.registry;
        let g = self.governance;
        Ok(PlanConfig {
            network: self.network,
            genesis_members,
            registry: RegistryParams {
                application_bond: r.application_bond,
                vouches_required: r.vouches_required,
                vouch_bond: r.vouch_bond,
                vouching_window: r.vouching_window,
                vouch_lock_period: r.vouch_lock_period,
                voucher_cooldown: r.voucher_cooldown,
                resignation_cooldown: r.resignation_cooldown,
            },
            governance: GovernanceParams {
                dispute_bond: g.dispute_bond,
                appeal_bond: g.appeal_bond,
                juror_deposit: g.juror_deposit,
                evidence_period: g.evidence_period,
                commit_period: g.commit_period,
                reveal_period: g.reveal_period,
                appeal_period: g.appeal_period,
                min_jurors: g.min_jurors,
                quorum_bps: g.quorum_bps,
                appeal_quorum_bps: g.appeal_quorum_bps,
                threshold_bps: g.threshold_bps,
                proposal_voting_period: g.proposal_voting_period,
                proposal_quorum_bps: g.proposal_quorum_bps,
                proposal_threshold_bps: g.proposal_threshold_bps,
                timelock: g.timelock,
            },
            salt,
        })
    }
}

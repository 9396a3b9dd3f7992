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
        tenure: 30 * DAY,
        vouch_period: 30 * DAY,
        max_vouches_per_period: 3,
    }
}

/// Governance parameters of the built-in configuration: two-day phases, a two-thirds
/// threshold (6 666 bps: two votes of three uphold), a two-day timelock for treasury grants,
/// and for constitutional proposals (parameters, code hashes, upgrades) a 75 % supermajority
/// and a 35-day timelock; seven days' grace; a quarter of the members veto.
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
        upgrade_threshold_bps: 7_500,
        upgrade_timelock: 35 * DAY,
        grace_period: 7 * DAY,
        veto_bps: 2_500,
    }
}

/// The recommended registry floors for a live network (the README lists the reason for each).
/// The deployment plan refuses a non-local network whose parameters or floors are below them.
pub fn recommended_registry_floors() -> RegistryParams {
    RegistryParams {
        application_bond: 100 * UNIT,
        vouches_required: 2,
        vouch_bond: 50 * UNIT,
        vouching_window: 1,
        vouch_lock_period: 90 * DAY,
        voucher_cooldown: 30 * DAY,
        resignation_cooldown: 20 * DAY,
        tenure: 14 * DAY,
        vouch_period: 7 * DAY,
        max_vouches_per_period: 4,
    }
}

/// The recommended governance floors for a live network (the README lists the reason for
/// each). `veto_bps` is a ceiling: a veto never needs more than a third of the members.
pub fn recommended_governance_floors() -> GovernanceParams {
    GovernanceParams {
        dispute_bond: 100 * UNIT,
        appeal_bond: 200 * UNIT,
        juror_deposit: 10 * UNIT,
        evidence_period: DAY,
        commit_period: DAY,
        reveal_period: DAY,
        appeal_period: DAY,
        min_jurors: 3,
        quorum_bps: 1_000,
        appeal_quorum_bps: 1_000,
        threshold_bps: 6_000,
        proposal_voting_period: 3 * DAY,
        proposal_quorum_bps: 1_000,
        proposal_threshold_bps: 5_001,
        timelock: 2 * DAY,
        upgrade_threshold_bps: 6_667,
        upgrade_timelock: 32 * DAY,
        grace_period: DAY,
        veto_bps: 3_334,
    }
}

/// Registry floors of a local network (the sandbox, a dev node): the shape rules only, so
/// tests may shorten any period.
pub fn local_registry_floors() -> RegistryParams {
    RegistryParams::shape_floors()
}

/// Governance floors of a local network: the shape rules only (the appeal bond and juror
/// deposit, which must be positive, from 10 UNIT and 1 UNIT, so that their ceilings of 1,000
/// times the floor leave room for the shipped values).
pub fn local_governance_floors() -> GovernanceParams {
    GovernanceParams {
        appeal_bond: 10 * UNIT,
        juror_deposit: UNIT,
        ..GovernanceParams::shape_floors()
    }
}

/// Whether `network` names a local network (`sandbox`, `local`, `dev`, and `bench`, the
/// benchmark's sandbox), whose floors may be the shape rules only.
pub fn is_local(network: &str) -> bool {
    matches!(network, "sandbox" | "local" | "dev" | "bench")
}

/// The floors a network gets when its configuration names none: local or recommended.
pub fn default_floors(network: &str) -> (RegistryParams, GovernanceParams) {
    if is_local(network) {
        (local_registry_floors(), local_governance_floors())
    } else {
        (
            recommended_registry_floors(),
            recommended_governance_floors(),
        )
    }
}

/// Why `config` may not be deployed to a non-local network: the parameters or floors below the
/// recommended floors, by name. Empty for a local network or a sound configuration.
pub fn below_recommended(config: &PlanConfig) -> Vec<String> {
    if is_local(&config.network) {
        return Vec::new();
    }
    let mut problems = Vec::new();
    let registry_floors = recommended_registry_floors();
    for (what, params) in [
        ("registry parameters", config.registry),
        ("registry floors", config.registry_floors),
    ] {
        if params.validate(&registry_floors).is_err() {
            problems.push(format!("{what} are below the recommended registry floors"));
        }
    }
    let governance_floors = recommended_governance_floors();
    for (what, params) in [
        ("governance parameters", config.governance),
        ("governance floors", config.governance_floors),
    ] {
        if params.validate(&governance_floors).is_err() {
            problems.push(format!(
                "{what} are below the recommended governance floors"
            ));
        }
    }
    if config.governance.upgrade_timelock <= config.registry.resignation_cooldown {
        problems.push(
            "the upgrade timelock must be longer than the resignation cooldown (the longest \
             exit path)"
                .to_owned(),
        );
    }
    problems
}

/// The built-in configuration with `genesis_members` as founders.
pub fn builtin(network: &str, genesis_members: Vec<AccountId>) -> PlanConfig {
    let (registry_floors, governance_floors) = default_floors(network);
    PlanConfig {
        network: network.to_owned(),
        genesis_members,
        registry: registry_params(),
        governance: governance_params(),
        registry_floors,
        governance_floors,
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
    /// Registry floors (default: the recommended ones, or the shape rules on a local network).
    #[serde(default)]
    pub registry_floors: Option<RegistryParamsFile>,
    /// Governance floors (default: the recommended ones, or the shape rules on a local
    /// network).
    #[serde(default)]
    pub governance_floors: Option<GovernanceParamsFile>,
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
    pub tenure: Timestamp,
    pub vouch_period: Timestamp,
    pub max_vouches_per_period: u32,
}

impl From<RegistryParamsFile> for RegistryParams {
    fn from(r: RegistryParamsFile) -> Self {
        RegistryParams {
            application_bond: r.application_bond,
            vouches_required: r.vouches_required,
            vouch_bond: r.vouch_bond,
            vouching_window: r.vouching_window,
            vouch_lock_period: r.vouch_lock_period,
            voucher_cooldown: r.voucher_cooldown,
            resignation_cooldown: r.resignation_cooldown,
            tenure: r.tenure,
            vouch_period: r.vouch_period,
            max_vouches_per_period: r.max_vouches_per_period,
        }
    }
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
    pub upgrade_threshold_bps: u32,
    pub upgrade_timelock: Timestamp,
    pub grace_period: Timestamp,
    pub veto_bps: u32,
}

impl From<GovernanceParamsFile> for GovernanceParams {
    fn from(g: GovernanceParamsFile) -> Self {
        GovernanceParams {
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
            upgrade_threshold_bps: g.upgrade_threshold_bps,
            upgrade_timelock: g.upgrade_timelock,
            grace_period: g.grace_period,
            veto_bps: g.veto_bps,
        }
    }
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
        let (default_registry_floors, default_governance_floors) = default_floors(&self.network);
        Ok(PlanConfig {
            registry: self.registry.into(),
            governance: self.governance.into(),
            registry_floors: self
                .registry_floors
                .map_or(default_registry_floors, Into::into),
            governance_floors: self
                .governance_floors
                .map_or(default_governance_floors, Into::into),
            network: self.network,
            genesis_members,
            salt,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn founders() -> Vec<AccountId> {
        vec![AccountId::from(dev::ALICE)]
    }

    #[test]
    fn the_shipped_configuration_meets_the_recommended_floors_everywhere() {
        for network in ["sandbox", "local", "testnet", "mainnet"] {
            let config = builtin(network, founders());
            assert_eq!(
                below_recommended(&config),
                Vec::<String>::new(),
                "{network}"
            );
            assert_eq!(config.registry.validate(&config.registry_floors), Ok(()));
            assert_eq!(
                config.governance.validate(&config.governance_floors),
                Ok(())
            );
        }
        // The recommended floors obey the shape rules themselves.
        assert_eq!(recommended_registry_floors().validate_shape(), Ok(()));
        assert_eq!(recommended_governance_floors().validate_shape(), Ok(()));
    }

    #[test]
    fn a_non_local_network_below_the_recommended_floors_is_refused() {
        let mut config = builtin("testnet", founders());
        config.governance.timelock = 0;
        config.governance_floors.timelock = 0;
        config.registry.tenure = 0;
        let problems = below_recommended(&config);
        assert_eq!(problems.len(), 3, "{problems:?}");
        // A local network keeps its short test periods.
        config.network = "local".into();
        assert!(below_recommended(&config).is_empty());
        // An upgrade timelock no longer than the resignation cooldown is refused.
        let mut config = builtin("testnet", founders());
        config.registry.resignation_cooldown = config.governance.upgrade_timelock;
        assert_eq!(below_recommended(&config).len(), 1);
    }

    #[test]
    fn a_configuration_file_without_floors_gets_the_networks_defaults() {
        let config = builtin("testnet", founders());
        let text = format!(
            r#"{{"network":"testnet","genesis_members":["0x{}"],
            "registry":{},"governance":{}}}"#,
            dev::ALICE
                .iter()
                .map(|b| format!("{b:02x}"))
                .collect::<String>(),
            registry_json(&config.registry),
            governance_json(&config.governance),
        );
        let file: ConfigFile = serde_json::from_str(&text).expect("json");
        let read = file.into_config().expect("config");
        assert_eq!(read.registry_floors, recommended_registry_floors());
        assert_eq!(read.governance_floors, recommended_governance_floors());
        assert_eq!(read.governance, config.governance);
        assert_eq!(read.registry, config.registry);
    }

    fn registry_json(r: &RegistryParams) -> String {
        format!(
            r#"{{"application_bond":{},"vouches_required":{},"vouch_bond":{},"vouching_window":{},
            "vouch_lock_period":{},"voucher_cooldown":{},"resignation_cooldown":{},"tenure":{},
            "vouch_period":{},"max_vouches_per_period":{}}}"#,
            r.application_bond,
            r.vouches_required,
            r.vouch_bond,
            r.vouching_window,
            r.vouch_lock_period,
            r.voucher_cooldown,
            r.resignation_cooldown,
            r.tenure,
            r.vouch_period,
            r.max_vouches_per_period
        )
    }

    fn governance_json(g: &GovernanceParams) -> String {
        format!(
            r#"{{"dispute_bond":{},"appeal_bond":{},"juror_deposit":{},"evidence_period":{},
            "commit_period":{},"reveal_period":{},"appeal_period":{},"min_jurors":{},
            "quorum_bps":{},"appeal_quorum_bps":{},"threshold_bps":{},
            "proposal_voting_period":{},"proposal_quorum_bps":{},"proposal_threshold_bps":{},
            "timelock":{},"upgrade_threshold_bps":{},"upgrade_timelock":{},"grace_period":{},
            "veto_bps":{}}}"#,
            g.dispute_bond,
            g.appeal_bond,
            g.juror_deposit,
            g.evidence_period,
            g.commit_period,
            g.reveal_period,
            g.appeal_period,
            g.min_jurors,
            g.quorum_bps,
            g.appeal_quorum_bps,
            g.threshold_bps,
            g.proposal_voting_period,
            g.proposal_quorum_bps,
            g.proposal_threshold_bps,
            g.timelock,
            g.upgrade_threshold_bps,
            g.upgrade_timelock,
            g.grace_period,
            g.veto_bps
        )
    }
}

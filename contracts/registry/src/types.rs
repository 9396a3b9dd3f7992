//! Records kept by the registry, its parameters, and what its logic asks the contract glue to
//! do.

use crate::events::RegistryEvent;
use ink::prelude::vec::Vec;
use interfaces::{
    AccountId, Balance, Hash, IssuerRestraint, RegistryError, RosterChange, RosterEntry, Timestamp,
};

/// Most genesis members the constructor accepts (the founders; duplicates count towards it).
pub const MAX_GENESIS_MEMBERS: usize = 32;
/// Most vouchers one application can gather: `expel` visits every voucher of the expelled
/// member in one call, so this bound keeps that call's cost bounded.
pub const MAX_VOUCHERS: u32 = 16;
/// Largest page of the `members` listing.
pub const MAX_PAGE: u32 = 50;
/// First bytes of the memo of a slashed bond paid to an expelled member's token holders; the
/// remaining 27 bytes are the first 27 bytes of the member's account.
pub const EXPEL_MEMO_PREFIX: &[u8; 5] = b"EXPEL";
/// Longest period any registry parameter accepts (two years, in ms): a longer lock, tenure
/// or cooldown would keep members' bonds or rights out of reach for good.
pub const MAX_REGISTRY_PERIOD: Timestamp = 2 * 365 * 24 * 60 * 60 * 1000;
/// Most vouches one voucher may give per vouch period, whatever the floors say.
pub const MAX_VOUCHES_PER_PERIOD: u32 = 16;
/// A bond may be set to at most this multiple of its floor (no ceiling for a zero floor, as on
/// a local network): a huge bond would shut everyone out of joining or vouching.
pub const MAX_BOND_MULTIPLE: Balance = 1_000;

/// The registry's economic and timing parameters. Set at construction, changed only by
/// governance (`set_params`). Bond amounts are recorded on every bond when it is paid, so a
/// change of a bond amount never touches existing bonds; the periods are read when they are
/// applied, so a change of a period applies to open applications and stakes too.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct RegistryParams {
    /// Native value a candidate pays with `apply`; on admission it becomes his member bond,
    /// refunded when he resigns and slashed if he is expelled.
    pub application_bond: Balance,
    /// Vouches that admit a candidate (1 to [`MAX_VOUCHERS`]).
    pub vouches_required: u32,
    /// Native value a member stakes with each `vouch`.
    pub vouch_bond: Balance,
    /// How long after `apply` members may vouch (ms, positive). The application expires once
    /// it has passed: its vouchers may release their bonds.
    pub vouching_window: Timestamp,
    /// How long after admission a voucher's bond stays at stake (ms).
    pub vouch_lock_period: Timestamp,
    /// How long a voucher of an expelled member may not vouch, from the expulsion (ms).
    pub voucher_cooldown: Timestamp,
    /// Delay between `resign` and `complete_resignation`, during which the resigning member
    /// can still be expelled (ms).
    pub resignation_cooldown: Timestamp,
    /// How long after his admission a new member gains his rights: voting and proposing in
    /// governance, judging disputes, vouching (ms). Founders have them from genesis.
    pub tenure: Timestamp,
    /// The period over which a voucher's vouches are counted (ms, positive): periods are
    /// `[k * vouch_period, (k + 1) * vouch_period)`.
    pub vouch_period: Timestamp,
    /// Most vouches one member may give per vouch period (1 to
    /// [`MAX_VOUCHES_PER_PERIOD`]).
    pub max_vouches_per_period: u32,
}

impl RegistryParams {
    /// The lowest floors there are: the shape rules of [`RegistryParams::validate_shape`] and
    /// nothing more (no bond, no delay, no tenure, the most vouches per period). A local
    /// network and the unit tests construct with them, so that tests may shorten any period.
    pub const fn shape_floors() -> RegistryParams {
        RegistryParams {
            application_bond: 0,
            vouches_required: 1,
            vouch_bond: 0,
            vouching_window: 1,
            vouch_lock_period: 0,
            voucher_cooldown: 0,
            resignation_cooldown: 0,
            tenure: 0,
            vouch_period: 1,
            max_vouches_per_period: MAX_VOUCHES_PER_PERIOD,
        }
    }

    /// Checks the rules every parameter set obeys, floors included.
    ///
    /// # Errors
    /// `InvalidParams` if `vouches_required` is outside 1 to [`MAX_VOUCHERS`],
    /// `max_vouches_per_period` outside 1 to [`MAX_VOUCHES_PER_PERIOD`], `vouching_window`
    /// or `vouch_period` is zero, or a period exceeds [`MAX_REGISTRY_PERIOD`].
    pub fn validate_shape(&self) -> Result<(), RegistryError> {
        let periods = [
            self.vouching_window,
            self.vouch_lock_period,
            self.voucher_cooldown,
            self.resignation_cooldown,
            self.tenure,
            self.vouch_period,
        ];
        let valid = (1..=MAX_VOUCHERS).contains(&self.vouches_required)
            && (1..=MAX_VOUCHES_PER_PERIOD).contains(&self.max_vouches_per_period)
            && self.vouching_window > 0
            && self.vouch_period > 0
            && periods.iter().all(|period| *period <= MAX_REGISTRY_PERIOD);
        if valid {
            Ok(())
        } else {
            Err(RegistryError::InvalidParams)
        }
    }

    /// Checks the parameters against the `floors` fixed at construction: the shape rules of
    /// [`Self::validate_shape`]; bonds, `vouches_required`, the locks, cooldowns, `tenure` and
    /// `vouch_period` no smaller than their floors; `max_vouches_per_period` no larger than
    /// its floor (a cap); each bond at most [`MAX_BOND_MULTIPLE`] times its floor.
    ///
    /// # Errors
    /// `InvalidParams` if any rule fails.
    pub fn validate(&self, floors: &RegistryParams) -> Result<(), RegistryError> {
        self.validate_shape()?;
        // A zero floor (a local network) sets no ceiling.
        let bond_ok = |bond: Balance, floor: Balance| {
            bond >= floor && (floor == 0 || bond <= floor.saturating_mul(MAX_BOND_MULTIPLE))
        };
        let valid = bond_ok(self.application_bond, floors.application_bond)
            && bond_ok(self.vouch_bond, floors.vouch_bond)
            && self.vouches_required >= floors.vouches_required
            && self.vouch_lock_period >= floors.vouch_lock_period
            && self.voucher_cooldown >= floors.voucher_cooldown
            && self.resignation_cooldown >= floors.resignation_cooldown
            && self.tenure >= floors.tenure
            && self.vouch_period >= floors.vouch_period
            && self.max_vouches_per_period <= floors.max_vouches_per_period;
        if valid {
            Ok(())
        } else {
            Err(RegistryError::InvalidParams)
        }
    }
}

/// How many vouches a member gave in his current vouch period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct VouchTally {
    /// The period: `now / vouch_period` when he last vouched.
    pub period: u64,
    /// Vouches given in it.
    pub count: u32,
}

/// The code the token factory instantiates. Changed only by governance.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct CodeHashes {
    /// Code hash of the `personal_token` contract.
    pub token: Hash,
    /// Code hash of the `payout_splitter` contract.
    pub splitter: Hash,
}

/// Where a member stands.
///
/// ```text
///  admitted ──► Active ◄──reinstate / lapse── Suspended { until }
///                 │  └──────suspend──────────────►  │
///                 ├─ resign ──► Resigning { since } ──complete_resignation──► Resigned
///                 └───────────────┴── expel (from Active, Suspended, Resigning, Resigned) ──► Expelled
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub enum MemberStatus {
    /// In good standing.
    Active,
    /// Suspended by governance until `until` (ms); from then on he is active again without
    /// any call (the status is only rewritten by `reinstate` or a new `suspend`).
    Suspended {
        /// End of the suspension.
        until: Timestamp,
    },
    /// Asked to leave at `since`; not active, still expellable, bond still held.
    Resigning {
        /// When he called `resign`.
        since: Timestamp,
    },
    /// Left; his bond was refunded. Final (the account cannot apply again).
    Resigned,
    /// Expelled by governance; his bond and his vouchers' unreleased bonds were slashed.
    /// Final.
    Expelled,
}

impl MemberStatus {
    /// Whether a member with this status is active at `now`: `Active`, or `Suspended` with
    /// `until <= now`.
    pub fn is_active_at(&self, now: Timestamp) -> bool {
        match self {
            MemberStatus::Active => true,
            MemberStatus::Suspended { until } => *until <= now,
            _ => false,
        }
    }

    /// Whether the member counts in `active_count`: neither expelled nor resigned or resigning.
    /// A suspended member counts (his suspension lapses on its own).
    pub fn counts_as_active(&self) -> bool {
        matches!(self, MemberStatus::Active | MemberStatus::Suspended { .. })
    }
}

/// A member's record. Kept for ever, whatever his status (history, juror exclusions).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct MemberInfo {
    /// Where he stands.
    pub status: MemberStatus,
    /// When he was admitted (construction time for genesis members).
    pub joined_at: Timestamp,
    /// When his rights (voting, proposing, judging, vouching) begin: `joined_at + tenure` at
    /// his admission, 0 (genesis) for founders. A later change of `tenure` does not move it.
    pub rights_from: Timestamp,
    /// Native value held as his member bond (his application bond; 0 for genesis members, and
    /// after it was refunded or slashed).
    pub bond: Balance,
    /// Hash of his off-chain profile (zero for genesis members).
    pub profile_hash: Hash,
    /// Number of vouchers who admitted him (0 for genesis members).
    pub voucher_count: u32,
    /// Slot of his first admitting vouch in the vouch records keyed by his account: his
    /// vouchers are slots `first_vouch_slot..first_vouch_slot + voucher_count` (slots before
    /// belong to earlier withdrawn applications).
    pub first_vouch_slot: u32,
    /// His personal token, once launched.
    pub token: Option<AccountId>,
    /// His token's payout splitter, once launched.
    pub splitter: Option<AccountId>,
    /// Misconduct disputes against him that governance opened (`open_case`) and has not
    /// executed yet (`close_case`). While positive his resignation cannot complete, his
    /// admission's vouch bonds cannot be released, he cannot launch a token, and his token
    /// (if any) is restrained. Never positive once his resignation completed.
    pub open_cases: u32,
}

impl MemberInfo {
    /// His line in the roster: `Some` exactly while he is `Active` or `Suspended`, with the
    /// end of the suspension and his `rights_from`, so that the roster answers `is_active` and
    /// `rights_since` as [`MemberStatus::is_active_at`] does, at every timestamp.
    pub fn roster_entry(&self) -> Option<RosterEntry> {
        let suspended_until = match self.status {
            MemberStatus::Active => 0,
            MemberStatus::Suspended { until } => until,
            _ => return None,
        };
        Some(RosterEntry {
            suspended_until,
            rights_from: self.rights_from,
        })
    }

    /// The restraint his token must apply: his open cases, and the end of his suspension (0
    /// when he is not suspended; a lapsed end restrains nothing).
    pub fn restraint(&self) -> IssuerRestraint {
        IssuerRestraint {
            open_cases: self.open_cases,
            suspended_until: match self.status {
                MemberStatus::Suspended { until } => until,
                _ => 0,
            },
        }
    }
}

/// An open application.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct Application {
    /// When he applied; members may vouch until `applied_at + vouching_window`.
    pub applied_at: Timestamp,
    /// Native value paid as application bond.
    pub bond: Balance,
    /// Hash of his off-chain profile.
    pub profile_hash: Hash,
    /// Vouches received so far.
    pub vouch_count: u32,
    /// Slot of this application's first vouch (see [`MemberInfo::first_vouch_slot`]).
    pub first_vouch_slot: u32,
}

/// One member's vouch for a candidate, kept for ever (`has_vouched_for`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct Vouch {
    /// The member who vouched.
    pub voucher: AccountId,
    /// Native value he staked.
    pub bond: Balance,
    /// Whether the bond was refunded to him.
    pub released: bool,
    /// Whether the bond was slashed because the member he vouched for was expelled.
    pub slashed: bool,
}

impl Vouch {
    /// Whether the bond is still held by the registry (neither released nor slashed).
    pub fn is_held(&self) -> bool {
        !self.released && !self.slashed
    }
}

/// The memo of the payout of an expelled member's slashed bonds: [`EXPEL_MEMO_PREFIX`]
/// followed by the first 27 bytes of his account.
pub fn expel_memo(member: AccountId) -> Hash {
    let mut memo = [0u8; 32];
    let (prefix, rest) = memo.split_at_mut(EXPEL_MEMO_PREFIX.len());
    prefix.copy_from_slice(EXPEL_MEMO_PREFIX);
    let account: &[u8; 32] = member.as_ref();
    let (head, _) = account.split_at(rest.len());
    rest.copy_from_slice(head);
    Hash::from(memo)
}

/// A call or payment the glue makes after the logic has changed state (checks, effects, then
/// interactions). Executed in order; if one fails the whole message reverts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Interaction {
    /// A native transfer of bonds or treasury out of the registry.
    Pay {
        /// Recipient.
        to: AccountId,
        /// Amount.
        amount: Balance,
    },
    /// `TokenRemedies::freeze` on an expelled member's token.
    FreezeToken {
        /// The token.
        token: AccountId,
    },
    /// `TokenRemedies::restrain(restraint)` on a member's token: his open cases or his
    /// suspension changed. The token's refusal reverts the message (`Token(e)`).
    RestrainToken {
        /// The token.
        token: AccountId,
        /// The restraint it applies from now on (replaces the previous one).
        restraint: IssuerRestraint,
    },
    /// `PayoutDistribution::distribute(memo)` on an expelled member's splitter, carrying
    /// `amount`.
    Distribute {
        /// The splitter.
        splitter: AccountId,
        /// Native value for the token's holders.
        amount: Balance,
        /// Reference of the payout ([`expel_memo`]).
        memo: Hash,
    },
}

/// What a successful logic call produced: events to emit, the roster's writes, and
/// interactions to perform.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Outcome {
    /// Events, in order.
    pub events: Vec<RegistryEvent>,
    /// Writes to the roster, in order; the glue makes them in one call before the
    /// interactions, in the same message (a failure reverts it).
    pub roster: Vec<RosterChange>,
    /// Interactions, in order.
    pub interactions: Vec<Interaction>,
}

impl Outcome {
    /// Appends an event.
    pub fn event(&mut self, event: RegistryEvent) {
        self.events.push(event);
    }

    /// Records the roster write that takes `account`'s line from `before` to `after`
    /// ([`MemberInfo::roster_entry`] before and after the change); none when they are equal.
    pub fn roster_sync(
        &mut self,
        account: AccountId,
        before: Option<RosterEntry>,
        after: Option<RosterEntry>,
    ) {
        if before == after {
            return;
        }
        self.roster.push(match after {
            Some(entry) => RosterChange::Set { account, entry },
            None => RosterChange::Remove { account },
        });
    }

    /// Appends an interaction.
    pub fn interact(&mut self, interaction: Interaction) {
        self.interactions.push(interaction);
    }

    /// Appends a payment, unless it is zero.
    pub fn pay(&mut self, to: AccountId, amount: Balance) {
        if amount > 0 {
            self.interactions.push(Interaction::Pay { to, amount });
        }
    }
}

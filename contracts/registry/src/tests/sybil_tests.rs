//! Sybil bounds: the per-voucher cap on vouches per period, the tenure before a new member's
//! rights begin (`rights_since`), and the floors and ceilings of the parameters.
//!
//! Every call goes through [`Fixture::call`]: a refusal is proved to change nothing.

use super::*;

/// Two vouches admit; each voucher may vouch twice per `WINDOW`; new members wait `TENURE`.
const TENURE: Timestamp = 40_000;

fn bounded() -> RegistryParams {
    RegistryParams {
        tenure: TENURE,
        max_vouches_per_period: 2,
        vouch_period: WINDOW,
        ..params()
    }
}

#[test]
fn a_voucher_gives_at_most_the_cap_per_period_then_again_in_the_next() {
    let mut f = Fixture::with(&[A, B, C], bounded());
    for who in [X, Y, Z] {
        f.apply(who).unwrap();
    }
    f.vouch(A, X).unwrap();
    f.vouch(A, Y).unwrap();
    // A's third vouch of the period is refused, whoever it is for; B's are his own.
    assert_eq!(f.vouch(A, Z), Err(RegistryError::VouchLimitReached));
    f.vouch(B, Z).unwrap();
    // The period `[k * WINDOW, (k + 1) * WINDOW)` ends: A vouches again.
    let next_period = (f.now / WINDOW + 1) * WINDOW;
    f.advance(next_period - f.now);
    f.apply(W).unwrap();
    f.vouch(A, Z).unwrap();
    assert!(f.state.is_active(account(Z), f.now));
    f.vouch(A, W).unwrap();
    f.apply(14).unwrap();
    assert_eq!(f.vouch(A, 14), Err(RegistryError::VouchLimitReached));
}

#[test]
fn a_new_member_vouches_only_once_his_tenure_is_served() {
    let mut f = Fixture::with(&[A, B, C], bounded());
    f.admit(X);
    let joined = f.now;
    assert_eq!(
        f.state.member(account(X)).unwrap().rights_from,
        joined + TENURE
    );
    f.apply(Y).unwrap();
    assert_eq!(f.vouch(X, Y), Err(RegistryError::TenureNotServed));
    f.advance(TENURE - 1);
    // The application window is shorter than the tenure: apply again.
    f.withdraw(Y).unwrap();
    f.apply(Y).unwrap();
    assert_eq!(f.vouch(X, Y), Err(RegistryError::TenureNotServed));
    f.advance(1);
    f.vouch(X, Y).unwrap();
}

#[test]
fn rights_since_is_the_end_of_the_tenure_for_new_members_and_genesis_for_founders() {
    let mut f = Fixture::with(&[A, B, C], bounded());
    assert_eq!(f.state.rights_since(account(A), f.now), Some(0));
    f.admit(X);
    assert_eq!(
        f.state.rights_since(account(X), f.now),
        Some(f.now + TENURE)
    );
    // Not active: no rights at all.
    assert_eq!(f.state.rights_since(account(STRANGER), f.now), None);
    f.suspend(GOV, X, f.now + 10).unwrap();
    assert_eq!(f.state.rights_since(account(X), f.now), None);
    // A later change of the tenure does not move a member's start.
    let start = f.now + TENURE;
    f.call(GOV, 0, |s, c| {
        s.set_params(
            c,
            RegistryParams {
                tenure: 2 * TENURE,
                ..bounded()
            },
        )
    })
    .unwrap();
    f.advance(10);
    assert_eq!(f.state.rights_since(account(X), f.now), Some(start));
}

#[test]
fn set_params_never_goes_below_the_floors_or_above_the_ceilings() {
    let floors = RegistryParams {
        application_bond: 500,
        vouches_required: 2,
        vouch_bond: 50,
        vouching_window: 1,
        vouch_lock_period: 40_000,
        voucher_cooldown: 20_000,
        resignation_cooldown: 10_000,
        tenure: 5_000,
        vouch_period: 5_000,
        max_vouches_per_period: 3,
    };
    let ok = RegistryParams {
        tenure: 5_000,
        max_vouches_per_period: 3,
        vouch_period: WINDOW,
        ..params()
    };
    assert_eq!(ok.validate(&floors), Ok(()));
    let below = [
        RegistryParams {
            application_bond: 499,
            ..ok
        },
        RegistryParams {
            vouch_bond: 49,
            ..ok
        },
        RegistryParams {
            vouches_required: 1,
            ..ok
        },
        RegistryParams {
            vouch_lock_period: 39_999,
            ..ok
        },
        RegistryParams {
            voucher_cooldown: 19_999,
            ..ok
        },
        RegistryParams {
            resignation_cooldown: 9_999,
            ..ok
        },
        RegistryParams {
            tenure: 4_999,
            ..ok
        },
        RegistryParams {
            vouch_period: 4_999,
            ..ok
        },
        // The cap may only go down.
        RegistryParams {
            max_vouches_per_period: 4,
            ..ok
        },
    ];
    let above = [
        RegistryParams {
            application_bond: 500 * MAX_BOND_MULTIPLE + 1,
            ..ok
        },
        RegistryParams {
            vouch_bond: 50 * MAX_BOND_MULTIPLE + 1,
            ..ok
        },
        RegistryParams {
            vouch_lock_period: MAX_REGISTRY_PERIOD + 1,
            ..ok
        },
        RegistryParams {
            tenure: MAX_REGISTRY_PERIOD + 1,
            ..ok
        },
        RegistryParams {
            resignation_cooldown: MAX_REGISTRY_PERIOD + 1,
            ..ok
        },
        RegistryParams {
            max_vouches_per_period: 0,
            ..ok
        },
        RegistryParams {
            vouch_period: 0,
            ..ok
        },
    ];
    for p in below.iter().chain(above.iter()) {
        assert_eq!(
            p.validate(&floors),
            Err(RegistryError::InvalidParams),
            "{p:?}"
        );
    }
    // Through the message: refused with nothing changed (the fixture checks it).
    let mut f = Fixture::new();
    let mut too_low = params();
    too_low.max_vouches_per_period = MAX_VOUCHES_PER_PERIOD + 1;
    assert_eq!(
        f.call(GOV, 0, |s, c| s.set_params(c, too_low)),
        Err(RegistryError::InvalidParams)
    );
}

#[test]
fn construction_refuses_params_below_its_floors_and_floors_that_break_the_rules() {
    let accounts = vec![account(A)];
    let low = RegistryParams {
        tenure: 0,
        ..params()
    };
    let floors_with_tenure = RegistryParams {
        tenure: 1,
        ..floors()
    };
    assert_eq!(
        RegistryState::new(
            accounts.clone(),
            account(GOV),
            low,
            floors_with_tenure,
            hashes(),
            T0
        )
        .err(),
        Some(RegistryError::InvalidParams)
    );
    let broken_floors = RegistryParams {
        vouch_period: 0,
        ..floors()
    };
    assert_eq!(
        RegistryState::new(
            accounts,
            account(GOV),
            params(),
            broken_floors,
            hashes(),
            T0
        )
        .err(),
        Some(RegistryError::InvalidParams)
    );
}

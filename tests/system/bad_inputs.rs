//! Bad inputs, contract by contract: zero and maximum amounts, self-transfers, unknown ids,
//! expired deadlines, wrong phases, wrong payments (too little, too much), duplicate actions,
//! a frozen token, an expelled member acting, and overflow edges. Each case brings one world
//! (per contract, restored from a snapshot before every case) to the state it needs, makes
//! the bad call, and checks the exact typed error (or PSP22 error) and that the whole chain
//! state root did not change.

use super::access::{commitment, restricted, salt_of, Attempt, Refusal, Reply};
use governance::types::{DisputeKind, Remedy, APPEAL_ROUND, FIRST_ROUND};
use ink::scale::Encode;
use interfaces::{
    restriction, GovernanceError, MemberEnforcement, PSP22Error, PayoutDistribution, PayoutHook,
    RegistryError, SplitterError, TokenError, TokenRemedies, PSP22,
};
use personal_token::types::AssetKind;
use std::time::Instant;
use system_tests::*;

// ----- the runner ----------------------------------------------------------------------------

/// Brings a world to the state a case needs.
type Given = Box<dyn Fn(&mut World)>;

/// One bad call.
struct Case {
    name: &'static str,
    /// Brings the contract's world (restored from its snapshot) to the state the case needs.
    given: Option<Given>,
    /// The bad call.
    call: Box<dyn Fn(&mut World) -> Reply>,
    expected: Refusal,
}

fn case(
    name: &'static str,
    expected: impl Into<Refusal>,
    call: impl Fn(&mut World) -> Reply + 'static,
) -> Case {
    Case {
        name,
        given: None,
        call: Box::new(call),
        expected: expected.into(),
    }
}

impl Case {
    fn given(mut self, given: impl Fn(&mut World) + 'static) -> Case {
        self.given = Some(Box::new(given));
        self
    }
}

/// Runs every case from `world`'s current state; fails listing every case that went wrong.
fn run(contract: &str, world: &mut World, cases: Vec<Case>) {
    let started = Instant::now();
    let base = world.snapshot();
    let mut failures = Vec::new();
    for case in &cases {
        world.restore(&base);
        println!("{contract}: {}", case.name);
        if let Some(given) = &case.given {
            given(world);
        }
        let root = world.state_root();
        let got = (case.call)(world);
        let expected = Err(&case.expected);
        if got.as_ref() != expected {
            failures.push(format!(
                "{}: expected {:?}, got {got:?}",
                case.name, case.expected
            ));
        } else if world.state_root() != root {
            failures.push(format!(
                "{}: refused but the chain state changed",
                case.name
            ));
        }
    }
    println!(
        "{contract}: {} bad inputs refused with their typed error and nothing changed, in {:.1?}",
        cases.len(),
        started.elapsed()
    );
    assert!(
        failures.is_empty(),
        "{contract}: {} of {} cases went wrong:\n  {}",
        failures.len(),
        cases.len(),
        failures.join("\n  ")
    );
}

// ----- personal token ------------------------------------------------------------------------

/// The token world: $BOB (decision period two days) with Alice holding 1%, an asset, three
/// requests from Alice to Charlie, two offerings; $DAV auto-approving after a day with a funded
/// request from Eve to Ferdie; $FER with no holder but its issuer.
#[derive(Debug, Clone, Copy)]
struct Tokens {
    c: Cast,
    governance: AccountId,
    bob: Launched,
    asset: u64,
    /// 1,000 units for 10 UNIT, not funded.
    pending: u64,
    /// 500 units for nothing.
    gift: u64,
    /// 2,000 units for 20 UNIT, funded.
    funded: u64,
    /// 1,000,000 units at 1,000 per unit, minimum 500,000,000, open a week.
    open: u64,
    /// 1,000,000 units at 1,000 per unit, Dave only.
    invite_only: u64,
    dav: Launched,
    /// Eve -> Ferdie on $DAV, 1,000 units for 5 UNIT, funded.
    silent: u64,
    fer: Launched,
    fer_asset: u64,
}

const OPEN_PRICE: Balance = 1_000;
const OPEN_AMOUNT: Balance = 1_000_000;
/// The open offering's minimum subscription: `ceil(OPEN_AMOUNT / 32)`.
const OPEN_MIN: Balance = 31_250;

fn tokens() -> (World, Tokens) {
    // Vouchers may admit up to the ceiling per period: one case admits 28 newcomers.
    let mut w = World::with_registry(|registry| {
        registry.max_vouches_per_period = registry::types::MAX_VOUCHES_PER_PERIOD;
    });
    let c = w.cast;
    let sale_price = 10_000_000;
    let bob = w.launch(c.bob);
    w.buy_in_offering(bob, c.bob, c.alice, SUPPLY / 100, sale_price);
    let asset = w.ok(
        c.bob,
        w.token(bob.token)
            .disclose_asset(AssetKind::CompanyStake, Hash::from([1; 32]), 0),
        0,
    );
    let request = |w: &mut World, amount, price| {
        w.ok(
            c.alice,
            w.token(bob.token)
                .request_transfer(c.charlie, amount, price),
            0,
        )
    };
    let pending = request(&mut w, 1_000, 10 * UNIT);
    let gift = request(&mut w, 500, 0);
    let funded = request(&mut w, 2_000, 20 * UNIT);
    w.ok(
        c.charlie,
        w.token(bob.token).fund_request(funded),
        20 * UNIT,
    );
    let deadline = w.now() + 7 * DAY;
    let open = w.ok(
        c.bob,
        w.token(bob.token).open_offering(
            OPEN_AMOUNT,
            OPEN_PRICE,
            OPEN_AMOUNT * OPEN_PRICE / 2,
            deadline,
            Vec::new(),
        ),
        0,
    );
    let invite_only = w.ok(
        c.bob,
        w.token(bob.token)
            .open_offering(OPEN_AMOUNT, OPEN_PRICE, 0, deadline, vec![c.dave]),
        0,
    );
    let dav = w.launch_with(c.dave, DAY, true);
    w.buy_in_offering(dav, c.dave, c.eve, 1_000_000, 1);
    let silent = w.ok(
        c.eve,
        w.token(dav.token)
            .request_transfer(c.ferdie, 1_000, 5 * UNIT),
        0,
    );
    w.ok(c.ferdie, w.token(dav.token).fund_request(silent), 5 * UNIT);
    let fer = w.launch(c.ferdie);
    let fer_asset = w.ok(
        c.ferdie,
        w.token(fer.token)
            .disclose_asset(AssetKind::Crypto, Hash::from([2; 32]), 0),
        0,
    );
    let governance = w.suite.governance;
    let tokens = Tokens {
        c,
        governance,
        bob,
        asset,
        pending,
        gift,
        funded,
        open,
        invite_only,
        dav,
        silent,
        fer,
        fer_asset,
    };
    (w, tokens)
}

fn freeze(w: &mut World, t: Tokens) {
    w.ok(t.governance, w.token(t.bob.token).freeze(), 0);
}

fn expel(w: &mut World, member: AccountId) {
    let governance = w.suite.governance;
    w.ok(governance, w.registry().expel(member), 0);
}

/// After the settlement deadline of every request made at setup.
fn expire_requests(w: &mut World) {
    w.advance(4 * DAY);
}

fn wrong_payment(expected: Balance, received: Balance) -> TokenError {
    TokenError::WrongPayment { expected, received }
}

fn request_cases(t: Tokens) -> Vec<Case> {
    let (c, bob) = (t.c, t.bob.token);
    let alice_stake = SUPPLY / 100;
    vec![
        // request_transfer
        case("request of zero tokens", TokenError::ZeroAmount, move |w| {
            w.attempt(
                c.alice,
                w.token(bob).request_transfer(c.charlie, 0, UNIT),
                0,
            )
        }),
        case("request to oneself", TokenError::SelfTransfer, move |w| {
            w.attempt(c.alice, w.token(bob).request_transfer(c.alice, 1, UNIT), 0)
        }),
        case(
            "request of u128::MAX tokens",
            TokenError::InsufficientUnlockedBalance,
            move |w| {
                w.attempt(
                    c.alice,
                    w.token(bob).request_transfer(c.charlie, u128::MAX, UNIT),
                    0,
                )
            },
        ),
        case(
            "request of tokens locked in open requests",
            TokenError::InsufficientUnlockedBalance,
            move |w| {
                // 3,500 units are locked in the three requests.
                w.attempt(
                    c.alice,
                    w.token(bob)
                        .request_transfer(c.charlie, alice_stake - 3_500 + 1, UNIT),
                    0,
                )
            },
        ),
        case(
            "request to a buyer who is not a member",
            TokenError::Restricted(restriction::RECEIVER_NOT_MEMBER),
            move |w| {
                w.attempt(
                    c.alice,
                    w.token(bob).request_transfer(c.mallory, 1, UNIT),
                    0,
                )
            },
        ),
        case(
            "request by the issuer",
            TokenError::IssuerNotAllowed,
            move |w| w.attempt(c.bob, w.token(bob).request_transfer(c.alice, 1, UNIT), 0),
        ),
        case("request on a frozen token", TokenError::Frozen, move |w| {
            w.attempt(
                c.alice,
                w.token(bob).request_transfer(c.charlie, 1, UNIT),
                0,
            )
        })
        .given(move |w| freeze(w, t)),
        case(
            "request by an expelled holder",
            TokenError::Restricted(restriction::SENDER_NOT_MEMBER),
            move |w| {
                w.attempt(
                    c.alice,
                    w.token(bob).request_transfer(c.charlie, 1, UNIT),
                    0,
                )
            },
        )
        .given(move |w| expel(w, c.alice)),
        // fund_request
        case(
            "funding an unknown request",
            TokenError::RequestNotFound,
            move |w| w.attempt(c.charlie, w.token(bob).fund_request(99), 10 * UNIT),
        ),
        case(
            "funding request u64::MAX",
            TokenError::RequestNotFound,
            move |w| w.attempt(c.charlie, w.token(bob).fund_request(u64::MAX), 10 * UNIT),
        ),
        case(
            "funding with one planck too little",
            wrong_payment(10 * UNIT, 10 * UNIT - 1),
            move |w| {
                w.attempt(
                    c.charlie,
                    w.token(bob).fund_request(t.pending),
                    10 * UNIT - 1,
                )
            },
        ),
        case(
            "funding with one planck too much",
            wrong_payment(10 * UNIT, 10 * UNIT + 1),
            move |w| {
                w.attempt(
                    c.charlie,
                    w.token(bob).fund_request(t.pending),
                    10 * UNIT + 1,
                )
            },
        ),
        case(
            "funding with nothing",
            wrong_payment(10 * UNIT, 0),
            move |w| w.attempt(c.charlie, w.token(bob).fund_request(t.pending), 0),
        ),
        case("funding twice", TokenError::AlreadyFunded, move |w| {
            w.attempt(c.charlie, w.token(bob).fund_request(t.funded), 20 * UNIT)
        }),
        case("funding a gift", TokenError::NothingToFund, move |w| {
            w.attempt(c.charlie, w.token(bob).fund_request(t.gift), 0)
        }),
        case(
            "funding after the settlement deadline",
            TokenError::RequestExpired,
            move |w| w.attempt(c.charlie, w.token(bob).fund_request(t.pending), 10 * UNIT),
        )
        .given(expire_requests),
        case("funding on a frozen token", TokenError::Frozen, move |w| {
            w.attempt(c.charlie, w.token(bob).fund_request(t.pending), 10 * UNIT)
        })
        .given(move |w| freeze(w, t)),
        case(
            "funding a cancelled request",
            TokenError::RequestClosed,
            move |w| w.attempt(c.charlie, w.token(bob).fund_request(t.pending), 10 * UNIT),
        )
        .given(move |w| {
            w.ok(c.alice, w.token(bob).cancel_request(t.pending), 0);
        }),
        case(
            "funding an approved request for an expelled seller",
            TokenError::Restricted(restriction::SENDER_NOT_MEMBER),
            move |w| w.attempt(c.charlie, w.token(bob).fund_request(t.pending), 10 * UNIT),
        )
        .given(move |w| {
            w.ok(c.bob, w.token(bob).approve_transfer(t.pending), 0);
            expel(w, c.alice);
        }),
        // withdraw_funding
        case(
            "withdrawing an unfunded request",
            TokenError::NotFunded,
            move |w| w.attempt(c.charlie, w.token(bob).withdraw_funding(t.pending), 0),
        ),
        case("withdrawing twice", TokenError::NotFunded, move |w| {
            w.attempt(c.charlie, w.token(bob).withdraw_funding(t.funded), 0)
        })
        .given(move |w| {
            w.ok(c.charlie, w.token(bob).withdraw_funding(t.funded), 0);
        }),
        case(
            "withdrawing an unknown request",
            TokenError::RequestNotFound,
            move |w| w.attempt(c.charlie, w.token(bob).withdraw_funding(u64::MAX), 0),
        ),
        case(
            "withdrawing a request approved by silence",
            TokenError::CannotWithdrawYet,
            move |w| w.attempt(c.ferdie, w.token(t.dav.token).withdraw_funding(t.silent), 0),
        )
        .given(|w| w.advance(DAY)),
        // approve_transfer
        case(
            "approving an unknown request",
            TokenError::RequestNotFound,
            move |w| w.attempt(c.bob, w.token(bob).approve_transfer(99), 0),
        ),
        case("approving twice", TokenError::AlreadyApproved, move |w| {
            w.attempt(c.bob, w.token(bob).approve_transfer(t.pending), 0)
        })
        .given(move |w| {
            w.ok(c.bob, w.token(bob).approve_transfer(t.pending), 0);
        }),
        case(
            "approving an executed request",
            TokenError::RequestClosed,
            move |w| w.attempt(c.bob, w.token(bob).approve_transfer(t.funded), 0),
        )
        .given(move |w| {
            w.ok(c.bob, w.token(bob).approve_transfer(t.funded), 0);
        }),
        case(
            "approving after the settlement deadline",
            TokenError::RequestExpired,
            move |w| w.attempt(c.bob, w.token(bob).approve_transfer(t.funded), 0),
        )
        .given(expire_requests),
        case(
            "approving on a frozen token",
            TokenError::Frozen,
            move |w| w.attempt(c.bob, w.token(bob).approve_transfer(t.funded), 0),
        )
        .given(move |w| freeze(w, t)),
        case(
            "approving a sale to an expelled buyer",
            TokenError::Restricted(restriction::RECEIVER_NOT_MEMBER),
            move |w| w.attempt(c.bob, w.token(bob).approve_transfer(t.funded), 0),
        )
        .given(move |w| expel(w, c.charlie)),
        case(
            "approving a sale by an expelled seller",
            TokenError::Restricted(restriction::SENDER_NOT_MEMBER),
            move |w| w.attempt(c.bob, w.token(bob).approve_transfer(t.funded), 0),
        )
        .given(move |w| expel(w, c.alice)),
        case(
            "approving as an expelled issuer (token frozen)",
            TokenError::Frozen,
            move |w| w.attempt(c.bob, w.token(bob).approve_transfer(t.funded), 0),
        )
        .given(move |w| expel(w, c.bob)),
        // execute_transfer
        case(
            "executing an unapproved request",
            TokenError::NotApproved,
            move |w| w.attempt(c.charlie, w.token(bob).execute_transfer(t.funded), 0),
        ),
        case(
            "executing an approved but unfunded request",
            TokenError::NotFunded,
            move |w| w.attempt(c.charlie, w.token(bob).execute_transfer(t.pending), 0),
        )
        .given(move |w| {
            w.ok(c.bob, w.token(bob).approve_transfer(t.pending), 0);
        }),
        case("executing twice", TokenError::RequestClosed, move |w| {
            w.attempt(c.charlie, w.token(bob).execute_transfer(t.funded), 0)
        })
        .given(move |w| {
            w.ok(c.bob, w.token(bob).approve_transfer(t.funded), 0);
        }),
        case(
            "executing an unknown request",
            TokenError::RequestNotFound,
            move |w| w.attempt(c.charlie, w.token(bob).execute_transfer(99), 0),
        ),
        case(
            "executing a silently approved request after its settlement deadline",
            TokenError::RequestExpired,
            move |w| w.attempt(c.ferdie, w.token(t.dav.token).execute_transfer(t.silent), 0),
        )
        .given(|w| w.advance(2 * DAY)),
        // reject_transfer
        case(
            "rejecting with a 257-byte reason",
            TokenError::ReasonTooLong,
            move |w| {
                w.attempt(
                    c.bob,
                    w.token(bob).reject_transfer(t.pending, "x".repeat(257)),
                    0,
                )
            },
        ),
        case(
            "rejecting an approved request",
            TokenError::AlreadyApproved,
            move |w| {
                w.attempt(
                    c.bob,
                    w.token(bob).reject_transfer(t.pending, "no".into()),
                    0,
                )
            },
        )
        .given(move |w| {
            w.ok(c.bob, w.token(bob).approve_transfer(t.pending), 0);
        }),
        case("rejecting twice", TokenError::RequestClosed, move |w| {
            w.attempt(
                c.bob,
                w.token(bob).reject_transfer(t.pending, "no".into()),
                0,
            )
        })
        .given(move |w| {
            w.ok(
                c.bob,
                w.token(bob).reject_transfer(t.pending, "no".into()),
                0,
            );
        }),
        case(
            "rejecting an unknown request",
            TokenError::RequestNotFound,
            move |w| w.attempt(c.bob, w.token(bob).reject_transfer(99, "no".into()), 0),
        ),
        case(
            "rejecting a request approved by silence",
            TokenError::AlreadyApproved,
            move |w| {
                w.attempt(
                    c.dave,
                    w.token(t.dav.token)
                        .reject_transfer(t.silent, "late".into()),
                    0,
                )
            },
        )
        .given(|w| w.advance(DAY)),
        // exercise_first_refusal
        case(
            "pre-empting a gift",
            TokenError::GiftCannotBePreempted,
            move |w| w.attempt(c.bob, w.token(bob).exercise_first_refusal(t.gift), 0),
        ),
        case(
            "pre-empting with one planck too little",
            wrong_payment(20 * UNIT, 20 * UNIT - 1),
            move |w| {
                w.attempt(
                    c.bob,
                    w.token(bob).exercise_first_refusal(t.funded),
                    20 * UNIT - 1,
                )
            },
        ),
        case(
            "pre-empting with one planck too much",
            wrong_payment(20 * UNIT, 20 * UNIT + 1),
            move |w| {
                w.attempt(
                    c.bob,
                    w.token(bob).exercise_first_refusal(t.funded),
                    20 * UNIT + 1,
                )
            },
        ),
        case(
            "pre-empting after the settlement deadline",
            TokenError::RequestExpired,
            move |w| {
                w.attempt(
                    c.bob,
                    w.token(bob).exercise_first_refusal(t.funded),
                    20 * UNIT,
                )
            },
        )
        .given(expire_requests),
        case(
            "pre-empting an approved request",
            TokenError::AlreadyApproved,
            move |w| {
                w.attempt(
                    c.bob,
                    w.token(bob).exercise_first_refusal(t.pending),
                    10 * UNIT,
                )
            },
        )
        .given(move |w| {
            w.ok(c.bob, w.token(bob).approve_transfer(t.pending), 0);
        }),
        case(
            "pre-empting on a frozen token",
            TokenError::Frozen,
            move |w| {
                w.attempt(
                    c.bob,
                    w.token(bob).exercise_first_refusal(t.funded),
                    20 * UNIT,
                )
            },
        )
        .given(move |w| freeze(w, t)),
        case("pre-empting twice", TokenError::RequestClosed, move |w| {
            w.attempt(
                c.bob,
                w.token(bob).exercise_first_refusal(t.funded),
                20 * UNIT,
            )
        })
        .given(move |w| {
            w.ok(
                c.bob,
                w.token(bob).exercise_first_refusal(t.funded),
                20 * UNIT,
            );
        }),
        case(
            "pre-empting a request approved by silence",
            TokenError::AlreadyApproved,
            move |w| {
                w.attempt(
                    c.dave,
                    w.token(t.dav.token).exercise_first_refusal(t.silent),
                    5 * UNIT,
                )
            },
        )
        .given(|w| w.advance(DAY)),
        // cancel_request
        case(
            "the seller cancelling an approved request",
            TokenError::CannotCancelYet,
            move |w| w.attempt(c.alice, w.token(bob).cancel_request(t.pending), 0),
        )
        .given(move |w| {
            w.ok(c.bob, w.token(bob).approve_transfer(t.pending), 0);
        }),
        case("cancelling twice", TokenError::RequestClosed, move |w| {
            w.attempt(c.alice, w.token(bob).cancel_request(t.pending), 0)
        })
        .given(move |w| {
            w.ok(c.alice, w.token(bob).cancel_request(t.pending), 0);
        }),
        case(
            "cancelling an unknown request",
            TokenError::RequestNotFound,
            move |w| w.attempt(c.alice, w.token(bob).cancel_request(u64::MAX), 0),
        ),
        case(
            "the seller cancelling a request approved by silence",
            TokenError::CannotCancelYet,
            move |w| w.attempt(c.eve, w.token(t.dav.token).cancel_request(t.silent), 0),
        )
        .given(|w| w.advance(DAY)),
    ]
}

fn offering_cases(t: Tokens) -> Vec<Case> {
    let (c, bob) = (t.c, t.bob.token);
    let cost = |amount: Balance| amount * OPEN_PRICE;
    vec![
        // open_offering
        case("offering zero tokens", TokenError::ZeroAmount, move |w| {
            let deadline = w.now() + DAY;
            w.attempt(
                c.bob,
                w.token(bob).open_offering(0, 1, 0, deadline, Vec::new()),
                0,
            )
        }),
        case(
            "offering at price zero",
            TokenError::InvalidOffering,
            move |w| {
                let deadline = w.now() + DAY;
                w.attempt(
                    c.bob,
                    w.token(bob)
                        .open_offering(1_000, 0, 0, deadline, Vec::new()),
                    0,
                )
            },
        ),
        case(
            "a minimum above the offering's value",
            TokenError::InvalidOffering,
            move |w| {
                let deadline = w.now() + DAY;
                w.attempt(
                    c.bob,
                    w.token(bob)
                        .open_offering(1_000, 10, 10_001, deadline, Vec::new()),
                    0,
                )
            },
        ),
        case(
            "amount * price past u128",
            TokenError::ArithmeticOverflow,
            move |w| {
                let deadline = w.now() + DAY;
                w.attempt(
                    c.bob,
                    w.token(bob)
                        .open_offering(2, u128::MAX / 2 + 1, 0, deadline, Vec::new()),
                    0,
                )
            },
        ),
        case(
            "offering u128::MAX tokens",
            TokenError::InsufficientUnlockedBalance,
            move |w| {
                let deadline = w.now() + DAY;
                w.attempt(
                    c.bob,
                    w.token(bob)
                        .open_offering(u128::MAX, 1, 0, deadline, Vec::new()),
                    0,
                )
            },
        ),
        case(
            "offering tokens locked in open offerings",
            TokenError::InsufficientUnlockedBalance,
            move |w| {
                let deadline = w.now() + DAY;
                let unlocked = SUPPLY - SUPPLY / 100 - 2 * OPEN_AMOUNT;
                w.attempt(
                    c.bob,
                    w.token(bob)
                        .open_offering(unlocked + 1, 1, 0, deadline, Vec::new()),
                    0,
                )
            },
        ),
        case("a deadline now", TokenError::DeadlineInPast, move |w| {
            let now = w.now();
            w.attempt(
                c.bob,
                w.token(bob).open_offering(1_000, 1, 0, now, Vec::new()),
                0,
            )
        }),
        case(
            "a deadline in the past",
            TokenError::DeadlineInPast,
            move |w| {
                let past = w.now() - 1;
                w.attempt(
                    c.bob,
                    w.token(bob).open_offering(1_000, 1, 0, past, Vec::new()),
                    0,
                )
            },
        ),
        case("33 invitees", TokenError::TooManyInvitees, move |w| {
            let deadline = w.now() + DAY;
            let invitees = (0..33u8).map(|n| AccountId::from([n; 32])).collect();
            w.attempt(
                c.bob,
                w.token(bob).open_offering(1_000, 1, 0, deadline, invitees),
                0,
            )
        }),
        case("offering on a frozen token", TokenError::Frozen, move |w| {
            let deadline = w.now() + DAY;
            w.attempt(
                c.bob,
                w.token(bob)
                    .open_offering(1_000, 1, 0, deadline, Vec::new()),
                0,
            )
        })
        .given(move |w| freeze(w, t)),
        case(
            "an expelled issuer offering (token frozen)",
            TokenError::Frozen,
            move |w| {
                let deadline = w.now() + DAY;
                w.attempt(
                    c.bob,
                    w.token(bob)
                        .open_offering(1_000, 1, 0, deadline, Vec::new()),
                    0,
                )
            },
        )
        .given(move |w| expel(w, c.bob)),
        // subscribe
        case(
            "subscribing to an unknown offering",
            TokenError::OfferingNotFound,
            move |w| {
                w.attempt(
                    c.charlie,
                    w.token(bob).subscribe(99, 1, terms_hash()),
                    cost(1),
                )
            },
        ),
        case(
            "subscribing to other terms",
            TokenError::TermsMismatch,
            move |w| {
                w.attempt(
                    c.charlie,
                    w.token(bob).subscribe(t.open, 1, Hash::from([0xee; 32])),
                    cost(1),
                )
            },
        ),
        case(
            "subscribing zero tokens",
            TokenError::ZeroAmount,
            move |w| {
                w.attempt(
                    c.charlie,
                    w.token(bob).subscribe(t.open, 0, terms_hash()),
                    0,
                )
            },
        ),
        case(
            "subscribing more than remains",
            TokenError::ExceedsOffering,
            move |w| {
                w.attempt(
                    c.charlie,
                    w.token(bob)
                        .subscribe(t.open, OPEN_AMOUNT + 1, terms_hash()),
                    cost(OPEN_AMOUNT + 1),
                )
            },
        ),
        case(
            "subscribing u128::MAX tokens",
            TokenError::ExceedsOffering,
            move |w| {
                w.attempt(
                    c.charlie,
                    w.token(bob).subscribe(t.open, u128::MAX, terms_hash()),
                    0,
                )
            },
        ),
        case(
            "subscribing with one planck too little",
            wrong_payment(cost(OPEN_MIN), cost(OPEN_MIN) - 1),
            move |w| {
                w.attempt(
                    c.charlie,
                    w.token(bob).subscribe(t.open, OPEN_MIN, terms_hash()),
                    cost(OPEN_MIN) - 1,
                )
            },
        ),
        case(
            "subscribing with one planck too much",
            wrong_payment(cost(OPEN_MIN), cost(OPEN_MIN) + 1),
            move |w| {
                w.attempt(
                    c.charlie,
                    w.token(bob).subscribe(t.open, OPEN_MIN, terms_hash()),
                    cost(OPEN_MIN) + 1,
                )
            },
        ),
        case(
            "subscribing less than a 32nd of the offering",
            TokenError::SubscriptionTooSmall { minimum: OPEN_MIN },
            move |w| {
                w.attempt(
                    c.charlie,
                    w.token(bob).subscribe(t.open, OPEN_MIN - 1, terms_hash()),
                    cost(OPEN_MIN - 1),
                )
            },
        ),
        case(
            "subscribing less than what remains below a 32nd",
            TokenError::SubscriptionTooSmall { minimum: 10 },
            move |w| {
                w.attempt(
                    c.charlie,
                    w.token(bob).subscribe(t.open, 9, terms_hash()),
                    cost(9),
                )
            },
        )
        .given(move |w| {
            w.ok(
                c.alice,
                w.token(bob)
                    .subscribe(t.open, OPEN_AMOUNT - 10, terms_hash()),
                cost(OPEN_AMOUNT - 10),
            );
        }),
        case(
            "subscribing after the deadline",
            TokenError::OfferingClosed,
            move |w| {
                w.attempt(
                    c.charlie,
                    w.token(bob).subscribe(t.open, 10, terms_hash()),
                    cost(10),
                )
            },
        )
        .given(|w| w.advance(7 * DAY)),
        case(
            "subscribing to a sold-out offering",
            TokenError::OfferingClosed,
            move |w| {
                w.attempt(
                    c.charlie,
                    w.token(bob).subscribe(t.open, 10, terms_hash()),
                    cost(10),
                )
            },
        )
        .given(move |w| {
            w.ok(
                c.alice,
                w.token(bob).subscribe(t.open, OPEN_AMOUNT, terms_hash()),
                cost(OPEN_AMOUNT),
            );
        }),
        case("subscribing uninvited", TokenError::NotInvited, move |w| {
            w.attempt(
                c.charlie,
                w.token(bob).subscribe(t.invite_only, 10, terms_hash()),
                cost(10),
            )
        }),
        case(
            "subscribing on a frozen token",
            TokenError::Frozen,
            move |w| {
                w.attempt(
                    c.charlie,
                    w.token(bob).subscribe(t.open, 10, terms_hash()),
                    cost(10),
                )
            },
        )
        .given(move |w| freeze(w, t)),
        case(
            "an expelled member subscribing",
            TokenError::Restricted(restriction::RECEIVER_NOT_MEMBER),
            move |w| {
                w.attempt(
                    c.charlie,
                    w.token(bob).subscribe(t.open, 10, terms_hash()),
                    cost(10),
                )
            },
        )
        .given(move |w| expel(w, c.charlie)),
        case(
            // 32 minimum subscriptions buy the whole offering: `TooManySubscribers` cannot be
            // reached any more, the 33rd finds it sold out.
            "a 33rd subscriber",
            TokenError::OfferingClosed,
            move |w| {
                let last = w.account(100);
                w.attempt(
                    last,
                    w.token(bob).subscribe(t.open, OPEN_MIN, terms_hash()),
                    cost(OPEN_MIN),
                )
            },
        )
        .given(move |w| {
            // Alice, Charlie, Dave, Eve, Ferdie and 27 newcomers take the 32 places.
            let newcomers: Vec<AccountId> = (73..=100).map(|n| w.account(n)).collect();
            w.admit_crowd(&newcomers);
            let founders = [c.alice, c.charlie, c.dave, c.eve, c.ferdie];
            for subscriber in founders.iter().chain(&newcomers[..27]) {
                w.ok(
                    *subscriber,
                    w.token(bob).subscribe(t.open, OPEN_MIN, terms_hash()),
                    cost(OPEN_MIN),
                );
            }
        }),
        // settle
        case(
            "settling an open offering",
            TokenError::OfferingStillOpen,
            move |w| w.attempt(c.eve, w.token(bob).settle(t.open), 0),
        ),
        case("settling twice", TokenError::OfferingFinalized, move |w| {
            w.attempt(c.eve, w.token(bob).settle(t.open), 0)
        })
        .given(move |w| {
            w.ok(
                c.alice,
                w.token(bob).subscribe(t.open, OPEN_AMOUNT, terms_hash()),
                cost(OPEN_AMOUNT),
            );
            w.ok(c.eve, w.token(bob).settle(t.open), 0);
        }),
        case(
            "settling an unknown offering",
            TokenError::OfferingNotFound,
            move |w| w.attempt(c.eve, w.token(bob).settle(u64::MAX), 0),
        ),
        case(
            "settling a successful offering on a frozen token",
            TokenError::Frozen,
            move |w| w.attempt(c.eve, w.token(bob).settle(t.open), 0),
        )
        .given(move |w| {
            w.ok(
                c.alice,
                w.token(bob).subscribe(t.open, 600_000, terms_hash()),
                cost(600_000),
            );
            w.advance(7 * DAY);
            freeze(w, t);
        }),
        // cancel_offering
        case(
            "cancelling an offering after its deadline",
            TokenError::OfferingClosed,
            move |w| w.attempt(c.bob, w.token(bob).cancel_offering(t.open), 0),
        )
        .given(|w| w.advance(7 * DAY)),
        case(
            "cancelling an offering twice",
            TokenError::OfferingFinalized,
            move |w| w.attempt(c.bob, w.token(bob).cancel_offering(t.open), 0),
        )
        .given(move |w| {
            w.ok(c.bob, w.token(bob).cancel_offering(t.open), 0);
        }),
        case(
            "cancelling an unknown offering",
            TokenError::OfferingNotFound,
            move |w| w.attempt(c.bob, w.token(bob).cancel_offering(99), 0),
        ),
        // refund
        case(
            "a refund from an offering that did not fail",
            TokenError::OfferingNotFailed,
            move |w| w.attempt(c.alice, w.token(bob).refund(t.open), 0),
        )
        .given(move |w| {
            w.ok(
                c.alice,
                w.token(bob).subscribe(t.open, OPEN_MIN, terms_hash()),
                cost(OPEN_MIN),
            );
        }),
        case("a refund twice", TokenError::NothingToRefund, move |w| {
            w.attempt(c.alice, w.token(bob).refund(t.open), 0)
        })
        .given(move |w| {
            w.ok(
                c.alice,
                w.token(bob).subscribe(t.open, OPEN_MIN, terms_hash()),
                cost(OPEN_MIN),
            );
            w.ok(c.bob, w.token(bob).cancel_offering(t.open), 0);
            w.ok(c.alice, w.token(bob).refund(t.open), 0);
        }),
        case(
            "a refund without a subscription",
            TokenError::NothingToRefund,
            move |w| w.attempt(c.charlie, w.token(bob).refund(t.open), 0),
        )
        .given(move |w| {
            w.ok(c.bob, w.token(bob).cancel_offering(t.open), 0);
        }),
        case(
            "a refund of a delivered subscription",
            TokenError::NothingToRefund,
            move |w| w.attempt(c.alice, w.token(bob).refund(t.open), 0),
        )
        .given(move |w| {
            w.ok(
                c.alice,
                w.token(bob).subscribe(t.open, OPEN_AMOUNT, terms_hash()),
                cost(OPEN_AMOUNT),
            );
            w.ok(c.eve, w.token(bob).settle(t.open), 0);
        }),
        case(
            "a former member's refund twice after settlement",
            TokenError::NothingToRefund,
            move |w| w.attempt(c.charlie, w.token(bob).refund(t.open), 0),
        )
        .given(move |w| {
            w.ok(
                c.charlie,
                w.token(bob).subscribe(t.open, OPEN_MIN, terms_hash()),
                cost(OPEN_MIN),
            );
            w.ok(
                c.alice,
                w.token(bob)
                    .subscribe(t.open, OPEN_AMOUNT - OPEN_MIN, terms_hash()),
                cost(OPEN_AMOUNT - OPEN_MIN),
            );
            expel(w, c.charlie);
            w.ok(c.eve, w.token(bob).settle(t.open), 0);
            w.ok(c.charlie, w.token(bob).refund(t.open), 0);
        }),
        case(
            "a refund from an unknown offering",
            TokenError::OfferingNotFound,
            move |w| w.attempt(c.alice, w.token(bob).refund(99), 0),
        ),
    ]
}

fn disclosure_and_psp22_cases(t: Tokens) -> Vec<Case> {
    let (c, bob, governance) = (t.c, t.bob.token, t.governance);
    let gross = 10_000_000 * UNIT;
    // Alice holds 1%: the holders' share of `gross` is 1% of it.
    let share = gross / 100;
    vec![
        // disclosures and liquidations
        case(
            "revaluing an unknown asset",
            TokenError::AssetNotFound,
            move |w| w.attempt(c.bob, w.token(bob).revalue(99, 1), 0),
        ),
        case(
            "reporting the sale of an unknown asset",
            TokenError::AssetNotFound,
            move |w| {
                w.attempt(
                    c.bob,
                    w.token(bob).report_liquidation(u64::MAX, gross),
                    share,
                )
            },
        ),
        case("a sale for nothing", TokenError::ZeroAmount, move |w| {
            w.attempt(c.bob, w.token(bob).report_liquidation(t.asset, 0), 0)
        }),
        case(
            "paying one planck less than the holders' share",
            TokenError::LiquidationUnderpaid { required: share },
            move |w| {
                w.attempt(
                    c.bob,
                    w.token(bob).report_liquidation(t.asset, gross),
                    share - 1,
                )
            },
        ),
        case(
            "paying nothing of the holders' share",
            TokenError::LiquidationUnderpaid { required: share },
            move |w| w.attempt(c.bob, w.token(bob).report_liquidation(t.asset, gross), 0),
        ),
        case(
            "reporting a sale while an open offering has subscriptions",
            TokenError::OfferingHasSubscriptions,
            move |w| {
                w.attempt(
                    c.bob,
                    w.token(bob).report_liquidation(t.asset, gross),
                    gross,
                )
            },
        )
        .given(move |w| {
            w.ok(
                c.alice,
                w.token(bob).subscribe(t.open, OPEN_MIN, terms_hash()),
                OPEN_MIN * OPEN_PRICE,
            );
        }),
        case(
            "a sale for u128::MAX",
            TokenError::LiquidationUnderpaid {
                required: u128::MAX / 100 + 1,
            },
            move |w| {
                w.attempt(
                    c.bob,
                    w.token(bob).report_liquidation(t.asset, u128::MAX),
                    share,
                )
            },
        ),
        case(
            "an asset's proceeds passing u128",
            TokenError::ArithmeticOverflow,
            move |w| {
                w.attempt(
                    c.ferdie,
                    w.token(t.fer.token).report_liquidation(t.fer_asset, 1),
                    0,
                )
            },
        )
        .given(move |w| {
            // Nobody but Ferdie holds $FER: the holders' share of any sale is zero.
            w.ok(
                c.ferdie,
                w.token(t.fer.token)
                    .report_liquidation(t.fer_asset, u128::MAX),
                0,
            );
        }),
        // PSP22
        case(
            "the issuer transferring u128::MAX",
            PSP22Error::InsufficientBalance,
            move |w| {
                w.attempt(
                    c.bob,
                    w.token(bob).transfer(c.alice, u128::MAX, Vec::new()),
                    0,
                )
            },
        ),
        case(
            "the issuer transferring to a non-member",
            restricted(restriction::RECEIVER_NOT_MEMBER),
            move |w| w.attempt(c.bob, w.token(bob).transfer(c.mallory, 1, Vec::new()), 0),
        ),
        case(
            "the issuer transferring tokens locked in offerings",
            restricted(restriction::BALANCE_LOCKED),
            move |w| {
                let balance = SUPPLY - SUPPLY / 100;
                w.attempt(
                    c.bob,
                    w.token(bob).transfer(c.alice, balance, Vec::new()),
                    0,
                )
            },
        ),
        case(
            "a holder transferring without approval",
            restricted(restriction::APPROVAL_REQUIRED),
            move |w| w.attempt(c.alice, w.token(bob).transfer(c.charlie, 1, Vec::new()), 0),
        ),
        case(
            "a transfer on a frozen token",
            restricted(restriction::FROZEN),
            move |w| w.attempt(c.bob, w.token(bob).transfer(c.alice, 1, Vec::new()), 0),
        )
        .given(move |w| freeze(w, t)),
        case(
            "an expelled issuer transferring (token frozen)",
            restricted(restriction::FROZEN),
            move |w| w.attempt(c.bob, w.token(bob).transfer(c.alice, 1, Vec::new()), 0),
        )
        .given(move |w| expel(w, c.bob)),
        case(
            "spending one unit more than the allowance",
            PSP22Error::InsufficientAllowance,
            move |w| {
                w.attempt(
                    c.eve,
                    w.token(bob)
                        .transfer_from(c.bob, c.charlie, 101, Vec::new()),
                    0,
                )
            },
        )
        .given(move |w| {
            w.ok(c.bob, w.token(bob).approve(c.eve, 100), 0);
        }),
        case(
            "spending a holder's tokens with his allowance",
            restricted(restriction::APPROVAL_REQUIRED),
            move |w| {
                w.attempt(
                    c.eve,
                    w.token(bob)
                        .transfer_from(c.alice, c.charlie, 1, Vec::new()),
                    0,
                )
            },
        )
        .given(move |w| {
            w.ok(c.alice, w.token(bob).approve(c.eve, 100), 0);
        }),
        case(
            "lowering an allowance below zero",
            PSP22Error::InsufficientAllowance,
            move |w| w.attempt(c.bob, w.token(bob).decrease_allowance(c.eve, 101), 0),
        )
        .given(move |w| {
            w.ok(c.bob, w.token(bob).approve(c.eve, 100), 0);
        }),
        // remedies (governance's own calls, to test the token's checks)
        case(
            "unfreezing a token that is not frozen",
            TokenError::NotFrozen,
            move |w| w.attempt(governance, w.token(bob).unfreeze(), 0),
        ),
        case(
            "recovering an account to itself",
            TokenError::InvalidRecovery,
            move |w| w.attempt(governance, w.token(bob).recover(c.alice, c.alice), 0),
        ),
        case(
            "recovering the issuer's balance",
            TokenError::CannotRecoverIssuer,
            move |w| w.attempt(governance, w.token(bob).recover(c.bob, c.eve), 0),
        ),
        case(
            "recovering to the issuer",
            TokenError::CannotRecoverIssuer,
            move |w| w.attempt(governance, w.token(bob).recover(c.alice, c.bob), 0),
        ),
        // Recovering an empty account, or one with open requests, is no longer refused: a
        // recovery moves everything (issue 12; `attacks.rs`, `recovery_*` in `token.rs`).
        case(
            "an upgrade to code that is not stored",
            TokenError::UpgradeFailed,
            move |w| w.attempt(governance, w.token(bob).set_code(Hash::from([0xbb; 32])), 0),
        ),
        case("wiring again", TokenError::AlreadyWired, move |w| {
            let suite = w.suite;
            w.attempt(
                suite.registry,
                w.token(bob).wire(
                    suite.registry,
                    t.bob.splitter,
                    suite.governance,
                    suite.roster,
                ),
                0,
            )
        }),
    ]
}

#[test]
fn the_token_refuses_bad_requests_and_changes_nothing() {
    let (mut world, t) = tokens();
    run("personal_token requests", &mut world, request_cases(t));
}

#[test]
fn the_token_refuses_bad_offerings_and_changes_nothing() {
    let (mut world, t) = tokens();
    run("personal_token offerings", &mut world, offering_cases(t));
}

#[test]
fn the_token_refuses_bad_disclosures_transfers_and_remedies_and_changes_nothing() {
    let (mut world, t) = tokens();
    run(
        "personal_token disclosures, PSP22, remedies",
        &mut world,
        disclosure_and_psp22_cases(t),
    );
}

#[test]
fn zero_and_self_transfers_are_successful_no_ops() {
    let (mut world, t) = tokens();
    let (c, bob) = (t.c, t.bob.token);
    let balances = |world: &mut World| {
        [c.alice, c.bob, c.charlie].map(|account| world.token_balance(bob, account))
    };
    let before = balances(&mut world);
    let outstanding = world.ask(world.splitter(t.bob.splitter).outstanding());
    for (from, to, value) in [
        (c.bob, c.bob, 5),
        (c.alice, c.alice, 5),
        (c.bob, c.alice, 0),
    ] {
        world.ok(from, world.token(bob).transfer(to, value, Vec::new()), 0);
    }
    world.ok(
        c.eve,
        world
            .token(bob)
            .transfer_from(c.alice, c.alice, 5, Vec::new()),
        0,
    );
    assert_eq!(balances(&mut world), before);
    assert_eq!(
        world.ask(world.splitter(t.bob.splitter).outstanding()),
        outstanding
    );
}

// ----- payout splitter -----------------------------------------------------------------------

/// $BOB with Alice and Dave holding 1% each.
fn splitter_world() -> (World, Cast, Launched) {
    let mut w = World::new();
    let c = w.cast;
    let bob = w.launch(c.bob);
    w.buy_in_offering(bob, c.bob, c.alice, SUPPLY / 100, 1);
    w.buy_in_offering(bob, c.bob, c.dave, SUPPLY / 100, 1);
    (w, c, bob)
}

const MAX_STREAM_DURATION: Timestamp = 10 * 365 * DAY;

#[test]
fn the_splitter_refuses_bad_payments_claims_and_hooks_and_changes_nothing() {
    let (mut world, c, bob) = splitter_world();
    let (s, token) = (bob.splitter, bob.token);
    let stake = SUPPLY / 100;
    let memo = Hash::from([5; 32]);
    // 2^127: after one such payment and its claims, paying it in again passes u128.
    let half_of_everything: Balance = 1 << 127;
    let cases = vec![
        case(
            "distributing nothing with nothing held",
            SplitterError::NothingToDistribute,
            move |w| w.attempt(c.eve, w.splitter(s).distribute(memo), 0),
        ),
        case(
            "streaming nothing",
            SplitterError::NothingToDistribute,
            move |w| w.attempt(c.eve, w.splitter(s).distribute_over(DAY, memo), 0),
        ),
        case(
            "a stream of zero duration",
            SplitterError::InvalidDuration,
            move |w| w.attempt(c.eve, w.splitter(s).distribute_over(0, memo), UNIT),
        ),
        case(
            "a stream one millisecond over ten years",
            SplitterError::InvalidDuration,
            move |w| {
                w.attempt(
                    c.eve,
                    w.splitter(s).distribute_over(MAX_STREAM_DURATION + 1, memo),
                    UNIT,
                )
            },
        ),
        case(
            "a stream of u64::MAX milliseconds",
            SplitterError::InvalidDuration,
            move |w| w.attempt(c.eve, w.splitter(s).distribute_over(u64::MAX, memo), UNIT),
        ),
        case(
            "a stream of less than a planck per millisecond",
            SplitterError::StreamTooSmall {
                minimum: Balance::from(DAY),
            },
            move |w| {
                w.attempt(
                    c.eve,
                    w.splitter(s).distribute_over(DAY, memo),
                    Balance::from(DAY) - 1,
                )
            },
        ),
        case(
            "eight one-planck ten-year streams",
            SplitterError::StreamTooSmall {
                minimum: Balance::from(MAX_STREAM_DURATION),
            },
            move |w| {
                w.attempt(
                    c.eve,
                    w.splitter(s).distribute_over(MAX_STREAM_DURATION, memo),
                    1,
                )
            },
        ),
        case(
            "ending a stream as anyone but the issuer",
            SplitterError::NotIssuer,
            move |w| w.attempt(c.eve, w.splitter(s).end_stream(0), 0),
        )
        .given(move |w| {
            w.ok(c.eve, w.splitter(s).distribute_over(10 * DAY, memo), UNIT);
        }),
        case(
            "ending an unknown stream",
            SplitterError::StreamNotFound,
            move |w| w.attempt(c.bob, w.splitter(s).end_stream(u32::MAX), 0),
        ),
        case(
            "ending a stream twice",
            SplitterError::StreamNotFound,
            move |w| w.attempt(c.bob, w.splitter(s).end_stream(0), 0),
        )
        .given(move |w| {
            w.ok(c.eve, w.splitter(s).distribute_over(10 * DAY, memo), UNIT);
            w.ok(c.bob, w.splitter(s).end_stream(0), 0);
        }),
        case(
            "ending a stream that finished vesting",
            SplitterError::StreamNotFound,
            move |w| w.attempt(c.bob, w.splitter(s).end_stream(0), 0),
        )
        .given(move |w| {
            w.ok(c.eve, w.splitter(s).distribute_over(DAY, memo), UNIT);
            w.advance(DAY);
        }),
        case("a ninth stream", SplitterError::TooManyStreams, move |w| {
            w.attempt(c.eve, w.splitter(s).distribute_over(DAY, memo), UNIT)
        })
        .given(move |w| {
            for _ in 0..8 {
                w.ok(c.eve, w.splitter(s).distribute_over(10 * DAY, memo), UNIT);
            }
        }),
        case(
            "claiming with nothing owed",
            SplitterError::NothingToClaim,
            move |w| w.attempt(c.charlie, w.splitter(s).claim(), 0),
        ),
        case("claiming twice", SplitterError::NothingToClaim, move |w| {
            w.attempt(c.alice, w.splitter(s).claim(), 0)
        })
        .given(move |w| {
            w.ok(c.eve, w.splitter(s).distribute(memo), 100 * UNIT);
            w.ok(c.alice, w.splitter(s).claim(), 0);
        }),
        case(
            "claiming for a non-holder",
            SplitterError::NothingToClaim,
            move |w| w.attempt(c.eve, w.splitter(s).claim_for(c.ferdie), 0),
        )
        .given(move |w| {
            w.ok(c.eve, w.splitter(s).distribute(memo), 100 * UNIT);
        }),
        case(
            "claiming half a planck",
            SplitterError::NothingToClaim,
            move |w| w.attempt(c.alice, w.splitter(s).claim(), 0),
        )
        .given(move |w| {
            w.ok(c.eve, w.splitter(s).distribute(memo), 1);
        }),
        case(
            "paying in past u128 over the splitter's life",
            SplitterError::ArithmeticOverflow,
            move |w| {
                let all = w.balance(c.dave) - UNIT;
                w.attempt(c.dave, w.splitter(s).distribute(memo), all)
            },
        )
        .given(move |w| {
            let whale = w.account(200);
            w.client.backend.mint(whale, half_of_everything);
            w.ok(whale, w.splitter(s).distribute(memo), half_of_everything);
            w.ok(c.alice, w.splitter(s).claim(), 0);
            w.ok(c.dave, w.splitter(s).claim(), 0);
            let alice_share = w.balance(c.alice) - UNIT;
            w.ok(c.alice, w.splitter(s).distribute(memo), alice_share);
        }),
        case(
            "streaming past u128 over the splitter's life",
            SplitterError::ArithmeticOverflow,
            move |w| {
                let all = w.balance(c.dave) - UNIT;
                w.attempt(c.dave, w.splitter(s).distribute_over(DAY, memo), all)
            },
        )
        .given(move |w| {
            let whale = w.account(200);
            w.client.backend.mint(whale, half_of_everything);
            w.ok(
                whale,
                w.splitter(s).distribute_over(DAY, memo),
                half_of_everything,
            );
            w.advance(DAY);
            w.ok(c.alice, w.splitter(s).claim(), 0);
            w.ok(c.dave, w.splitter(s).claim(), 0);
            let alice_share = w.balance(c.alice) - UNIT;
            w.ok(
                c.alice,
                w.splitter(s).distribute_over(DAY, memo),
                alice_share,
            );
        }),
        // hooks, called as the bound token to test the splitter's own checks
        case(
            "a hook moving tokens to their holder",
            SplitterError::InvalidAccount,
            move |w| {
                w.attempt(
                    token,
                    w.splitter(s).on_balance_change(interfaces::BalanceChange {
                        from: c.alice,
                        from_before: stake,
                        to: c.alice,
                        to_before: stake,
                        amount: 1,
                    }),
                    0,
                )
            },
        ),
        case(
            "a hook with a balance the splitter does not know",
            SplitterError::BalanceMismatch,
            move |w| {
                w.attempt(
                    token,
                    w.splitter(s).on_balance_change(interfaces::BalanceChange {
                        from: c.alice,
                        from_before: stake + 1,
                        to: c.eve,
                        to_before: 0,
                        amount: 1,
                    }),
                    0,
                )
            },
        ),
        case(
            "a hook moving more than the holder has",
            SplitterError::InsufficientBalance,
            move |w| {
                w.attempt(
                    token,
                    w.splitter(s).on_balance_change(interfaces::BalanceChange {
                        from: c.alice,
                        from_before: stake,
                        to: c.eve,
                        to_before: 0,
                        amount: stake + 1,
                    }),
                    0,
                )
            },
        ),
        case(
            "a hook moving u128::MAX from the issuer",
            SplitterError::ArithmeticOverflow,
            move |w| {
                w.attempt(
                    token,
                    w.splitter(s).on_balance_change(interfaces::BalanceChange {
                        from: c.bob,
                        from_before: 0,
                        to: c.eve,
                        to_before: 0,
                        amount: u128::MAX,
                    }),
                    0,
                )
            },
        ),
        case(
            "a recovery to the same account",
            SplitterError::InvalidAccount,
            move |w| w.attempt(token, w.splitter(s).on_recovery(c.alice, c.alice), 0),
        ),
        case(
            "a recovery of the issuer",
            SplitterError::InvalidAccount,
            move |w| w.attempt(token, w.splitter(s).on_recovery(c.bob, c.eve), 0),
        ),
        case(
            "a recovery to the issuer",
            SplitterError::InvalidAccount,
            move |w| w.attempt(token, w.splitter(s).on_recovery(c.alice, c.bob), 0),
        ),
    ];
    run("payout_splitter", &mut world, cases);
}

// ----- registry ------------------------------------------------------------------------------

#[test]
fn the_registry_refuses_bad_bonds_vouches_and_enforcements_and_changes_nothing() {
    let mut world = World::new();
    let c = world.cast;
    let params = world.config.registry;
    let governance = world.suite.governance;
    let stranger = world.account(1);
    // Mallory, vouched in by Charlie and Eve; Bob has a token; Carol applied, Alice vouched.
    world.admit(c.mallory, &[c.charlie, c.eve]);
    world.launch(c.bob);
    world.ok(
        c.carol,
        world.registry().apply(Hash::from([0xca; 32])),
        params.application_bond,
    );
    world.ok(c.alice, world.registry().vouch(c.carol), params.vouch_bond);
    let (bond, vouch_bond) = (params.application_bond, params.vouch_bond);
    let wrong_bond = |expected, received| RegistryError::WrongBond { expected, received };
    let profile = Hash::from([3; 32]);
    let launch = move |w: &mut World, by: AccountId, supply: Balance, period: Timestamp| {
        w.attempt(
            by,
            w.registry().launch_token(
                "Bad".into(),
                "BAD".into(),
                6,
                supply,
                terms_hash(),
                period,
                false,
            ),
            0,
        )
    };
    let resign = move |w: &mut World, member: AccountId| {
        w.ok(member, w.registry().resign(), 0);
    };
    let expel_mallory = move |w: &mut World| {
        w.ok(governance, w.registry().expel(c.mallory), 0);
    };
    let cases = vec![
        // apply
        case(
            "applying with one planck too little",
            wrong_bond(bond, bond - 1),
            move |w| w.attempt(stranger, w.registry().apply(profile), bond - 1),
        ),
        case(
            "applying with one planck too much",
            wrong_bond(bond, bond + 1),
            move |w| w.attempt(stranger, w.registry().apply(profile), bond + 1),
        ),
        case("applying without a bond", wrong_bond(bond, 0), move |w| {
            w.attempt(stranger, w.registry().apply(profile), 0)
        }),
        case(
            "applying twice",
            RegistryError::AlreadyCandidate,
            move |w| w.attempt(c.carol, w.registry().apply(profile), bond),
        ),
        case(
            "a member applying",
            RegistryError::AlreadyMember,
            move |w| w.attempt(c.alice, w.registry().apply(profile), bond),
        ),
        case(
            "an expelled member applying again",
            RegistryError::Expelled,
            move |w| w.attempt(c.mallory, w.registry().apply(profile), bond),
        )
        .given(expel_mallory),
        // vouch
        case(
            "vouching with one planck too little",
            wrong_bond(vouch_bond, vouch_bond - 1),
            move |w| w.attempt(c.bob, w.registry().vouch(c.carol), vouch_bond - 1),
        ),
        case(
            "vouching with one planck too much",
            wrong_bond(vouch_bond, vouch_bond + 1),
            move |w| w.attempt(c.bob, w.registry().vouch(c.carol), vouch_bond + 1),
        ),
        case("vouching twice", RegistryError::AlreadyVouched, move |w| {
            w.attempt(c.alice, w.registry().vouch(c.carol), vouch_bond)
        }),
        case(
            "a member vouching before his tenure is served",
            RegistryError::TenureNotServed,
            move |w| w.attempt(c.mallory, w.registry().vouch(c.carol), vouch_bond),
        ),
        case(
            "vouching past the bound of one period",
            RegistryError::VouchLimitReached,
            move |w| {
                let last = w.account(9);
                w.attempt(c.alice, w.registry().vouch(last), vouch_bond)
            },
        )
        .given(move |w| {
            let last = w.account(9);
            w.ok(last, w.registry().apply(profile), bond);
            // Alice's vouch for Carol and these fill her periodic allowance.
            for n in 2..(1 + params.max_vouches_per_period as u8) {
                let applicant = w.account(n);
                w.ok(applicant, w.registry().apply(profile), bond);
                w.ok(c.alice, w.registry().vouch(applicant), vouch_bond);
            }
        }),
        case(
            "vouching for oneself",
            RegistryError::CannotVouchForSelf,
            move |w| w.attempt(c.alice, w.registry().vouch(c.alice), vouch_bond),
        ),
        case(
            "vouching for someone who never applied",
            RegistryError::NotCandidate,
            move |w| w.attempt(c.alice, w.registry().vouch(stranger), vouch_bond),
        ),
        case(
            "vouching after the window",
            RegistryError::VouchingClosed,
            move |w| w.attempt(c.bob, w.registry().vouch(c.carol), vouch_bond),
        )
        .given(move |w| w.advance(params.vouching_window + 1)),
        case(
            "vouching in cooldown after vouching for an expelled member",
            RegistryError::VoucherInCooldown,
            move |w| w.attempt(c.charlie, w.registry().vouch(c.carol), vouch_bond),
        )
        .given(expel_mallory),
        case(
            "an expelled member vouching",
            RegistryError::NotActiveMember,
            move |w| w.attempt(c.mallory, w.registry().vouch(c.carol), vouch_bond),
        )
        .given(expel_mallory),
        case(
            "a candidate vouching",
            RegistryError::NotActiveMember,
            move |w| w.attempt(c.carol, w.registry().vouch(stranger), vouch_bond),
        )
        .given(move |w| {
            w.ok(stranger, w.registry().apply(profile), bond);
        }),
        // withdraw_application
        case(
            "a member withdrawing an application",
            RegistryError::NotCandidate,
            move |w| w.attempt(c.alice, w.registry().withdraw_application(), 0),
        ),
        case(
            "withdrawing an application twice",
            RegistryError::NotCandidate,
            move |w| w.attempt(c.carol, w.registry().withdraw_application(), 0),
        )
        .given(move |w| {
            w.ok(c.carol, w.registry().withdraw_application(), 0);
        }),
        // release_vouch
        case(
            "releasing a vouch on an open application",
            RegistryError::VouchStillLocked,
            move |w| w.attempt(c.alice, w.registry().release_vouch(c.carol), 0),
        ),
        case(
            "releasing a vouch within the lock period",
            RegistryError::VouchStillLocked,
            move |w| w.attempt(c.charlie, w.registry().release_vouch(c.mallory), 0),
        ),
        case(
            "releasing a vouch one never made",
            RegistryError::NothingToRelease,
            move |w| w.attempt(c.bob, w.registry().release_vouch(c.carol), 0),
        ),
        case(
            "releasing a vouch twice",
            RegistryError::NothingToRelease,
            move |w| w.attempt(c.alice, w.registry().release_vouch(c.carol), 0),
        )
        .given(move |w| {
            w.ok(c.carol, w.registry().withdraw_application(), 0);
            w.ok(c.alice, w.registry().release_vouch(c.carol), 0);
        }),
        case(
            "releasing a slashed vouch",
            RegistryError::NothingToRelease,
            move |w| w.attempt(c.charlie, w.registry().release_vouch(c.mallory), 0),
        )
        .given(move |w| {
            expel_mallory(w);
            w.advance(params.vouch_lock_period);
        }),
        // resignation
        case(
            "resigning with a token",
            RegistryError::HasToken,
            move |w| w.attempt(c.bob, w.registry().resign(), 0),
        ),
        case(
            "resigning twice",
            RegistryError::NotActiveMember,
            move |w| w.attempt(c.dave, w.registry().resign(), 0),
        )
        .given(move |w| resign(w, c.dave)),
        case(
            "an expelled member resigning",
            RegistryError::NotActiveMember,
            move |w| w.attempt(c.mallory, w.registry().resign(), 0),
        )
        .given(expel_mallory),
        case(
            "completing a resignation before the cooldown",
            RegistryError::CooldownNotOver,
            move |w| w.attempt(c.dave, w.registry().complete_resignation(), 0),
        )
        .given(move |w| {
            resign(w, c.dave);
            w.advance(params.resignation_cooldown - 1);
        }),
        case(
            "completing a resignation never started",
            RegistryError::NotResigning,
            move |w| w.attempt(c.alice, w.registry().complete_resignation(), 0),
        ),
        case(
            "completing a resignation twice",
            RegistryError::NotResigning,
            move |w| w.attempt(c.dave, w.registry().complete_resignation(), 0),
        )
        .given(move |w| {
            resign(w, c.dave);
            w.advance(params.resignation_cooldown);
            w.ok(c.dave, w.registry().complete_resignation(), 0);
        }),
        case(
            "a stranger completing a resignation",
            RegistryError::NotMember,
            move |w| w.attempt(stranger, w.registry().complete_resignation(), 0),
        ),
        case(
            "an expelled member completing a resignation",
            RegistryError::NotResigning,
            move |w| w.attempt(c.mallory, w.registry().complete_resignation(), 0),
        )
        .given(move |w| {
            resign(w, c.mallory);
            expel_mallory(w);
            w.advance(params.resignation_cooldown);
        }),
        // launch_token
        case(
            "a token of zero supply",
            RegistryError::Token(TokenError::ZeroAmount),
            move |w| launch(w, c.alice, 0, DAY),
        ),
        case(
            "a decision period of zero",
            RegistryError::Token(TokenError::InvalidDecisionPeriod),
            move |w| launch(w, c.alice, SUPPLY, 0),
        ),
        case(
            "a decision period under a minute",
            RegistryError::Token(TokenError::InvalidDecisionPeriod),
            move |w| launch(w, c.alice, SUPPLY, 59_999),
        ),
        case(
            "a decision period over a year",
            RegistryError::Token(TokenError::InvalidDecisionPeriod),
            move |w| launch(w, c.alice, SUPPLY, 365 * DAY + 1),
        ),
        case(
            "a decision period of u64::MAX",
            RegistryError::Token(TokenError::InvalidDecisionPeriod),
            move |w| launch(w, c.alice, SUPPLY, u64::MAX),
        ),
        case(
            "launching twice",
            RegistryError::AlreadyHasToken,
            move |w| launch(w, c.bob, SUPPLY, DAY),
        ),
        case(
            "an expelled member launching",
            RegistryError::NotActiveMember,
            move |w| launch(w, c.mallory, SUPPLY, DAY),
        )
        .given(expel_mallory),
        case(
            "a candidate launching",
            RegistryError::NotActiveMember,
            move |w| launch(w, c.carol, SUPPLY, DAY),
        ),
        // governance's own calls, to test the registry's checks
        case(
            "zero vouches required",
            RegistryError::InvalidParams,
            move |w| {
                let mut bad = params;
                bad.vouches_required = 0;
                w.attempt(governance, w.registry().set_params(bad), 0)
            },
        ),
        case(
            "more vouches required than vouchers allowed",
            RegistryError::InvalidParams,
            move |w| {
                let mut bad = params;
                bad.vouches_required = 17;
                w.attempt(governance, w.registry().set_params(bad), 0)
            },
        ),
        case(
            "a vouching window of zero",
            RegistryError::InvalidParams,
            move |w| {
                let mut bad = params;
                bad.vouching_window = 0;
                w.attempt(governance, w.registry().set_params(bad), 0)
            },
        ),
        case(
            "withdrawing from an empty treasury",
            RegistryError::InsufficientTreasury,
            move |w| w.attempt(governance, w.registry().withdraw_treasury(c.alice, 1), 0),
        ),
        case(
            "withdrawing u128::MAX from the treasury",
            RegistryError::InsufficientTreasury,
            move |w| {
                w.attempt(
                    governance,
                    w.registry().withdraw_treasury(c.alice, u128::MAX),
                    0,
                )
            },
        )
        .given(expel_mallory),
        case(
            "withdrawing one planck more than the treasury",
            RegistryError::InsufficientTreasury,
            move |w| {
                // Mallory's bond and her two vouchers' bonds.
                let treasury = bond + 2 * vouch_bond;
                w.attempt(
                    governance,
                    w.registry().withdraw_treasury(c.alice, treasury + 1),
                    0,
                )
            },
        )
        .given(expel_mallory),
        case(
            "an upgrade to code that is not stored",
            RegistryError::UpgradeFailed,
            move |w| w.attempt(governance, w.registry().set_code(Hash::from([0xbb; 32])), 0),
        ),
        case(
            "a suspension ending now",
            RegistryError::InvalidSuspension,
            move |w| {
                let now = w.now();
                w.attempt(governance, w.registry().suspend(c.alice, now), 0)
            },
        ),
        case(
            "a suspension that ended",
            RegistryError::InvalidSuspension,
            move |w| {
                let past = w.now() - 1;
                w.attempt(governance, w.registry().suspend(c.alice, past), 0)
            },
        ),
        case(
            "suspending a non-member",
            RegistryError::NotMember,
            move |w| {
                let until = w.now() + DAY;
                w.attempt(governance, w.registry().suspend(stranger, until), 0)
            },
        ),
        case(
            "suspending an expelled member",
            RegistryError::AlreadyExpelled,
            move |w| {
                let until = w.now() + DAY;
                w.attempt(governance, w.registry().suspend(c.mallory, until), 0)
            },
        )
        .given(expel_mallory),
        case(
            "suspending a resigning member",
            RegistryError::NotActiveMember,
            move |w| {
                let until = w.now() + DAY;
                w.attempt(governance, w.registry().suspend(c.dave, until), 0)
            },
        )
        .given(move |w| resign(w, c.dave)),
        case(
            "reinstating a member who is not suspended",
            RegistryError::NotSuspended,
            move |w| w.attempt(governance, w.registry().reinstate(c.alice), 0),
        ),
        case(
            "reinstating a non-member",
            RegistryError::NotMember,
            move |w| w.attempt(governance, w.registry().reinstate(stranger), 0),
        ),
        case(
            "expelling twice",
            RegistryError::AlreadyExpelled,
            move |w| w.attempt(governance, w.registry().expel(c.mallory), 0),
        )
        .given(expel_mallory),
        case(
            "expelling a non-member",
            RegistryError::NotMember,
            move |w| w.attempt(governance, w.registry().expel(stranger), 0),
        ),
        case(
            "closing a case and expelling a member without an open case",
            RegistryError::NoOpenCase,
            move |w| w.attempt(governance, w.registry().expel_closing_case(c.alice), 0),
        ),
        case(
            "closing a case and expelling a non-member",
            RegistryError::NotMember,
            move |w| w.attempt(governance, w.registry().expel_closing_case(stranger), 0),
        ),
        case(
            "closing a case and expelling an expelled member (the case stays open)",
            RegistryError::AlreadyExpelled,
            move |w| w.attempt(governance, w.registry().expel_closing_case(c.mallory), 0),
        )
        .given(move |w| {
            w.ok(governance, w.registry().open_case(c.mallory), 0);
            expel_mallory(w);
        }),
    ];
    run("registry", &mut world, cases);
}

// ----- governance ----------------------------------------------------------------------------

#[test]
fn governance_refuses_bad_disputes_votes_and_proposals_and_changes_nothing() {
    let mut world = World::new();
    let c = world.cast;
    let params = world.config.governance;
    let this = world.suite.governance;
    let registry = world.suite.registry;
    let stranger = world.account(1);
    // Mallory, vouched in by Charlie and Eve, launched $MAL; Dave and Alice hold some. Carol
    // joins, so that Bob, Ferdie and Carol can judge Mallory.
    world.admit(c.mallory, &[c.charlie, c.eve]);
    world.admit(c.carol, &[c.bob, c.ferdie]);
    let mal = world.launch(c.mallory);
    world.buy_in_offering(mal, c.mallory, c.dave, SUPPLY / 10, 1);
    world.buy_in_offering(mal, c.mallory, c.alice, SUPPLY / 10, 1);
    // Carol's rights begin after her tenure; the case and the proposal are opened later.
    world.serve_tenure();
    // Dave accuses Mallory; Alice proposes a registry change and votes for it.
    let dispute = world.ok(
        c.dave,
        world.governance().open_dispute(
            c.mallory,
            DisputeKind::UndisclosedLiquidation,
            Hash::from([0xe1; 32]),
            Remedy::Expel,
        ),
        params.dispute_bond,
    );
    let registry_params = world.config.registry;
    let proposal = world.ok(
        c.alice,
        world.governance().propose(
            registry,
            ink::selector_bytes!("set_params"),
            registry_params.encode(),
            0,
        ),
        0,
    );
    world.ok(c.alice, world.governance().vote(proposal, true), 0);
    let bond = params.dispute_bond;
    let wrong_bond = |expected, received| GovernanceError::WrongBond { expected, received };
    let evidence = Hash::from([0xe2; 32]);
    let open = move |w: &mut World,
                     by: AccountId,
                     accused: AccountId,
                     kind: DisputeKind,
                     remedy: Remedy| {
        w.attempt(
            by,
            w.governance().open_dispute(accused, kind, evidence, remedy),
            bond,
        )
    };
    let recover = move |lost, new_account| Remedy::Recover {
        token: mal.token,
        lost,
        new_account,
    };
    let commit = move |w: &mut World, juror: AccountId, round: u8, vote: bool| {
        w.ok(
            juror,
            w.governance()
                .commit_vote(dispute, commitment(dispute, round, juror, vote)),
            params.juror_deposit,
        );
    };
    let reveal = move |w: &mut World, juror: AccountId, vote: bool| {
        w.ok(
            juror,
            w.governance().reveal_vote(dispute, vote, salt_of(juror)),
            0,
        );
    };
    // Round 1 with `votes`, leaving the clock at the end of its reveal phase.
    let judge = move |w: &mut World, votes: &[(AccountId, bool)]| {
        w.advance(params.evidence_period);
        for (juror, vote) in votes {
            commit(w, *juror, FIRST_ROUND, *vote);
        }
        w.advance(params.commit_period);
        for (juror, vote) in votes {
            reveal(w, *juror, *vote);
        }
        w.advance(params.reveal_period);
    };
    let upheld = [(c.bob, true), (c.ferdie, true), (c.carol, true)];
    let expel = move |w: &mut World, member: AccountId| {
        w.ok(this, w.registry().expel(member), 0);
    };
    let propose = move |w: &mut World,
                        target: AccountId,
                        selector: [u8; 4],
                        input: Vec<u8>,
                        value: Balance| {
        w.attempt(
            c.bob,
            w.governance().propose(target, selector, input, value),
            0,
        )
    };
    let set_params = ink::selector_bytes!("set_params");
    let set_code = ink::selector_bytes!("set_code");
    let vote_all = move |w: &mut World, id: u64, support: bool| {
        for voter in [c.bob, c.charlie] {
            w.ok(voter, w.governance().vote(id, support), 0);
        }
    };
    let cases = vec![
        // open_dispute
        case(
            "a dispute bond one planck short",
            wrong_bond(bond, bond - 1),
            move |w| {
                w.attempt(
                    c.ferdie,
                    w.governance().open_dispute(
                        c.mallory,
                        DisputeKind::Other,
                        evidence,
                        Remedy::Expel,
                    ),
                    bond - 1,
                )
            },
        ),
        case(
            "a dispute bond one planck over",
            wrong_bond(bond, bond + 1),
            move |w| {
                w.attempt(
                    c.ferdie,
                    w.governance().open_dispute(
                        c.mallory,
                        DisputeKind::Other,
                        evidence,
                        Remedy::Expel,
                    ),
                    bond + 1,
                )
            },
        ),
        case("a dispute without a bond", wrong_bond(bond, 0), move |w| {
            w.attempt(
                c.ferdie,
                w.governance()
                    .open_dispute(c.mallory, DisputeKind::Other, evidence, Remedy::Expel),
                0,
            )
        }),
        case(
            "a suspension of zero length",
            GovernanceError::InvalidRemedy,
            move |w| {
                open(
                    w,
                    c.ferdie,
                    c.mallory,
                    DisputeKind::TransferAbuse,
                    Remedy::Suspend { duration: 0 },
                )
            },
        ),
        case(
            "a misconduct dispute asking for a recovery",
            GovernanceError::InvalidRemedy,
            move |w| {
                open(
                    w,
                    c.ferdie,
                    c.mallory,
                    DisputeKind::MisreportedProceeds,
                    recover(c.mallory, c.ferdie),
                )
            },
        ),
        case(
            "a key recovery asking for an expulsion",
            GovernanceError::InvalidRemedy,
            move |w| {
                open(
                    w,
                    c.ferdie,
                    c.alice,
                    DisputeKind::KeyRecovery,
                    Remedy::Expel,
                )
            },
        ),
        case(
            "a key recovery of another account than the accused",
            GovernanceError::InvalidRemedy,
            move |w| {
                open(
                    w,
                    stranger,
                    c.alice,
                    DisputeKind::KeyRecovery,
                    recover(c.dave, stranger),
                )
            },
        ),
        case(
            "a key recovery to the lost account itself",
            GovernanceError::InvalidRemedy,
            move |w| {
                open(
                    w,
                    stranger,
                    c.alice,
                    DisputeKind::KeyRecovery,
                    recover(c.alice, c.alice),
                )
            },
        ),
        case(
            "a key recovery on a token the registry did not launch",
            GovernanceError::InvalidRemedy,
            move |w| {
                let remedy = Remedy::Recover {
                    token: stranger,
                    lost: c.alice,
                    new_account: stranger,
                };
                open(w, stranger, c.alice, DisputeKind::KeyRecovery, remedy)
            },
        ),
        case(
            "a key recovery of the issuer's own balance",
            GovernanceError::InvalidRemedy,
            move |w| {
                open(
                    w,
                    stranger,
                    c.mallory,
                    DisputeKind::KeyRecovery,
                    recover(c.mallory, stranger),
                )
            },
        ),
        case(
            "a key recovery to the issuer (asked by the issuer's key)",
            GovernanceError::InvalidRemedy,
            move |w| {
                open(
                    w,
                    c.mallory,
                    c.alice,
                    DisputeKind::KeyRecovery,
                    recover(c.alice, c.mallory),
                )
            },
        ),
        case(
            "a key recovery asked by another account than the new key",
            GovernanceError::NotNewAccount,
            move |w| {
                open(
                    w,
                    stranger,
                    c.alice,
                    DisputeKind::KeyRecovery,
                    recover(c.alice, c.ferdie),
                )
            },
        ),
        case(
            "accusing oneself",
            GovernanceError::CannotAccuseSelf,
            move |w| open(w, c.ferdie, c.ferdie, DisputeKind::Other, Remedy::Expel),
        ),
        case(
            "accusing a non-member",
            GovernanceError::AccusedNotMember,
            move |w| open(w, c.ferdie, stranger, DisputeKind::Other, Remedy::Expel),
        ),
        case(
            "an expelled member accusing",
            GovernanceError::NotActiveMember,
            move |w| open(w, c.ferdie, c.mallory, DisputeKind::Other, Remedy::Expel),
        )
        .given(move |w| expel(w, c.ferdie)),
        // submit_evidence
        case(
            "evidence for an unknown dispute",
            GovernanceError::DisputeNotFound,
            move |w| w.attempt(c.dave, w.governance().submit_evidence(99, evidence), 0),
        ),
        case(
            "evidence after the evidence phase",
            GovernanceError::WrongPhase,
            move |w| w.attempt(c.dave, w.governance().submit_evidence(dispute, evidence), 0),
        )
        .given(move |w| w.advance(params.evidence_period)),
        // commit_vote
        case(
            "a vote on an unknown dispute",
            GovernanceError::DisputeNotFound,
            move |w| {
                w.attempt(
                    c.bob,
                    w.governance()
                        .commit_vote(u64::MAX, commitment(u64::MAX, FIRST_ROUND, c.bob, true)),
                    params.juror_deposit,
                )
            },
        ),
        case(
            "a vote in the evidence phase",
            GovernanceError::WrongPhase,
            move |w| {
                w.attempt(
                    c.bob,
                    w.governance()
                        .commit_vote(dispute, commitment(dispute, FIRST_ROUND, c.bob, true)),
                    params.juror_deposit,
                )
            },
        ),
        case(
            "committing twice",
            GovernanceError::AlreadyCommitted,
            move |w| {
                w.attempt(
                    c.bob,
                    w.governance()
                        .commit_vote(dispute, commitment(dispute, FIRST_ROUND, c.bob, false)),
                    params.juror_deposit,
                )
            },
        )
        .given(move |w| {
            w.advance(params.evidence_period);
            commit(w, c.bob, FIRST_ROUND, true);
        }),
        case(
            "a holder of the accused's token judging",
            GovernanceError::JurorExcluded,
            move |w| {
                w.attempt(
                    c.alice,
                    w.governance()
                        .commit_vote(dispute, commitment(dispute, FIRST_ROUND, c.alice, false)),
                    params.juror_deposit,
                )
            },
        )
        .given(move |w| w.advance(params.evidence_period)),
        case(
            "a voucher of the accused judging",
            GovernanceError::JurorExcluded,
            move |w| {
                w.attempt(
                    c.charlie,
                    w.governance()
                        .commit_vote(dispute, commitment(dispute, FIRST_ROUND, c.charlie, false)),
                    params.juror_deposit,
                )
            },
        )
        .given(move |w| w.advance(params.evidence_period)),
        case(
            "an expelled member judging",
            GovernanceError::NotActiveMember,
            move |w| {
                w.attempt(
                    c.ferdie,
                    w.governance()
                        .commit_vote(dispute, commitment(dispute, FIRST_ROUND, c.ferdie, true)),
                    params.juror_deposit,
                )
            },
        )
        .given(move |w| {
            expel(w, c.ferdie);
            w.advance(params.evidence_period);
        }),
        case(
            "committing in the reveal phase",
            GovernanceError::WrongPhase,
            move |w| {
                w.attempt(
                    c.bob,
                    w.governance()
                        .commit_vote(dispute, commitment(dispute, FIRST_ROUND, c.bob, true)),
                    params.juror_deposit,
                )
            },
        )
        .given(move |w| w.advance(params.evidence_period + params.commit_period)),
        // reveal_vote
        case(
            "revealing in the commit phase",
            GovernanceError::WrongPhase,
            move |w| {
                w.attempt(
                    c.bob,
                    w.governance().reveal_vote(dispute, true, salt_of(c.bob)),
                    0,
                )
            },
        )
        .given(move |w| {
            w.advance(params.evidence_period);
            commit(w, c.bob, FIRST_ROUND, true);
        }),
        case(
            "revealing without a commitment",
            GovernanceError::NotCommitted,
            move |w| {
                w.attempt(
                    c.ferdie,
                    w.governance().reveal_vote(dispute, true, salt_of(c.ferdie)),
                    0,
                )
            },
        )
        .given(move |w| w.advance(params.evidence_period + params.commit_period)),
        case(
            "revealing with another salt",
            GovernanceError::BadReveal,
            move |w| {
                w.attempt(
                    c.bob,
                    w.governance().reveal_vote(dispute, true, [0xff; 32]),
                    0,
                )
            },
        )
        .given(move |w| {
            w.advance(params.evidence_period);
            commit(w, c.bob, FIRST_ROUND, true);
            w.advance(params.commit_period);
        }),
        case(
            "revealing the other vote",
            GovernanceError::BadReveal,
            move |w| {
                w.attempt(
                    c.bob,
                    w.governance().reveal_vote(dispute, false, salt_of(c.bob)),
                    0,
                )
            },
        )
        .given(move |w| {
            w.advance(params.evidence_period);
            commit(w, c.bob, FIRST_ROUND, true);
            w.advance(params.commit_period);
        }),
        case(
            "revealing twice",
            GovernanceError::AlreadyRevealed,
            move |w| {
                w.attempt(
                    c.bob,
                    w.governance().reveal_vote(dispute, true, salt_of(c.bob)),
                    0,
                )
            },
        )
        .given(move |w| {
            w.advance(params.evidence_period);
            commit(w, c.bob, FIRST_ROUND, true);
            w.advance(params.commit_period);
            reveal(w, c.bob, true);
        }),
        // Eligibility is decided once, at commit (issue 12): nothing since excludes a juror,
        // and the accused can no longer sell him a unit while the dispute is open.
        case(
            "a vote without the juror deposit",
            GovernanceError::WrongDeposit {
                expected: params.juror_deposit,
                received: 0,
            },
            move |w| {
                w.attempt(
                    c.bob,
                    w.governance()
                        .commit_vote(dispute, commitment(dispute, FIRST_ROUND, c.bob, true)),
                    0,
                )
            },
        )
        .given(move |w| w.advance(params.evidence_period)),
        case(
            "a vote with one planck more than the juror deposit",
            GovernanceError::WrongDeposit {
                expected: params.juror_deposit,
                received: params.juror_deposit + 1,
            },
            move |w| {
                w.attempt(
                    c.bob,
                    w.governance()
                        .commit_vote(dispute, commitment(dispute, FIRST_ROUND, c.bob, true)),
                    params.juror_deposit + 1,
                )
            },
        )
        .given(move |w| w.advance(params.evidence_period)),
        // appeal
        case(
            "appealing in the evidence phase",
            GovernanceError::AppealNotAllowed,
            move |w| {
                w.attempt(
                    c.mallory,
                    w.governance().appeal(dispute),
                    params.appeal_bond,
                )
            },
        ),
        case(
            "the winning side appealing",
            GovernanceError::AppealNotAllowed,
            move |w| w.attempt(c.dave, w.governance().appeal(dispute), params.appeal_bond),
        )
        .given(move |w| judge(w, &upheld)),
        case(
            "an appeal bond one planck short",
            wrong_bond(params.appeal_bond, params.appeal_bond - 1),
            move |w| {
                w.attempt(
                    c.mallory,
                    w.governance().appeal(dispute),
                    params.appeal_bond - 1,
                )
            },
        )
        .given(move |w| judge(w, &upheld)),
        case(
            "an appeal bond one planck over",
            wrong_bond(params.appeal_bond, params.appeal_bond + 1),
            move |w| {
                w.attempt(
                    c.mallory,
                    w.governance().appeal(dispute),
                    params.appeal_bond + 1,
                )
            },
        )
        .given(move |w| judge(w, &upheld)),
        case(
            "appealing twice",
            GovernanceError::AppealNotAllowed,
            move |w| {
                w.attempt(
                    c.mallory,
                    w.governance().appeal(dispute),
                    params.appeal_bond,
                )
            },
        )
        .given(move |w| {
            judge(w, &upheld);
            w.ok(
                c.mallory,
                w.governance().appeal(dispute),
                params.appeal_bond,
            );
        }),
        case(
            "appealing after the window",
            GovernanceError::AppealNotAllowed,
            move |w| {
                w.attempt(
                    c.mallory,
                    w.governance().appeal(dispute),
                    params.appeal_bond,
                )
            },
        )
        .given(move |w| {
            judge(w, &upheld);
            w.advance(params.appeal_period);
        }),
        case(
            "appealing a round without quorum",
            GovernanceError::AppealNotAllowed,
            move |w| {
                w.attempt(
                    c.mallory,
                    w.governance().appeal(dispute),
                    params.appeal_bond,
                )
            },
        )
        .given(move |w| judge(w, &upheld[..2])),
        case(
            "committing round 2 before any appeal",
            GovernanceError::WrongPhase,
            move |w| {
                w.attempt(
                    c.bob,
                    w.governance()
                        .commit_vote(dispute, commitment(dispute, APPEAL_ROUND, c.bob, true)),
                    params.juror_deposit,
                )
            },
        )
        .given(move |w| judge(w, &upheld)),
        // execute_ruling
        case(
            "executing an unknown ruling",
            GovernanceError::DisputeNotFound,
            move |w| w.attempt(c.eve, w.governance().execute_ruling(99), 0),
        ),
        case(
            "executing a ruling in the evidence phase",
            GovernanceError::NotFinal,
            move |w| w.attempt(c.eve, w.governance().execute_ruling(dispute), 0),
        ),
        case(
            "executing a ruling in the appeal window",
            GovernanceError::NotFinal,
            move |w| w.attempt(c.eve, w.governance().execute_ruling(dispute), 0),
        )
        .given(move |w| judge(w, &upheld)),
        case(
            "executing a ruling twice",
            GovernanceError::AlreadyExecuted,
            move |w| w.attempt(c.eve, w.governance().execute_ruling(dispute), 0),
        )
        .given(move |w| {
            judge(w, &upheld);
            w.advance(params.appeal_period);
            w.ok(c.eve, w.governance().execute_ruling(dispute), 0);
        }),
        // propose
        case(
            "a proposal input of 1,025 bytes",
            GovernanceError::InputTooLong,
            move |w| propose(w, registry, set_params, vec![0; 1_025], 0),
        ),
        case(
            "a self-call of an unknown message",
            GovernanceError::UnknownSelfCall,
            move |w| propose(w, this, ink::selector_bytes!("wire"), registry.encode(), 0),
        ),
        case(
            "a self-call with value",
            GovernanceError::UnknownSelfCall,
            move |w| propose(w, this, set_params, params.encode(), 1),
        ),
        case(
            "a self-call with invalid parameters",
            GovernanceError::InvalidParams,
            move |w| {
                let mut bad = params;
                bad.appeal_bond = bad.dispute_bond;
                propose(w, this, set_params, bad.encode(), 0)
            },
        ),
        case(
            "a self-call whose input is not the parameters",
            GovernanceError::UnknownSelfCall,
            move |w| propose(w, this, set_params, vec![1, 2, 3], 0),
        ),
        case(
            "a self-upgrade with trailing input",
            GovernanceError::UnknownSelfCall,
            move |w| {
                let mut input = Hash::from([1; 32]).encode();
                input.push(0);
                propose(w, this, set_code, input, 0)
            },
        ),
        case(
            "an expelled member proposing",
            GovernanceError::NotActiveMember,
            move |w| propose(w, registry, set_params, registry_params.encode(), 0),
        )
        .given(move |w| expel(w, c.bob)),
        // vote
        case(
            "voting on an unknown proposal",
            GovernanceError::ProposalNotFound,
            move |w| w.attempt(c.bob, w.governance().vote(99, true), 0),
        ),
        case("voting twice", GovernanceError::AlreadyVoted, move |w| {
            w.attempt(c.alice, w.governance().vote(proposal, false), 0)
        }),
        case(
            "voting after the voting period",
            GovernanceError::VotingClosed,
            move |w| w.attempt(c.bob, w.governance().vote(proposal, true), 0),
        )
        .given(move |w| w.advance(params.proposal_voting_period)),
        case(
            "an expelled member voting",
            GovernanceError::NotActiveMember,
            move |w| w.attempt(c.bob, w.governance().vote(proposal, true), 0),
        )
        .given(move |w| expel(w, c.bob)),
        // execute
        case(
            "executing an unknown proposal",
            GovernanceError::ProposalNotFound,
            move |w| w.attempt(c.eve, w.governance().execute(u64::MAX), 0),
        ),
        case(
            "executing during the vote",
            GovernanceError::VotingOpen,
            move |w| w.attempt(c.eve, w.governance().execute(proposal), 0),
        ),
        case(
            "executing a defeated proposal",
            GovernanceError::ProposalDefeated,
            move |w| w.attempt(c.eve, w.governance().execute(proposal), 0),
        )
        .given(move |w| {
            vote_all(w, proposal, false);
            w.advance(params.proposal_voting_period + params.upgrade_timelock);
        }),
        case(
            "executing in the timelock",
            GovernanceError::TimelockNotOver,
            move |w| w.attempt(c.eve, w.governance().execute(proposal), 0),
        )
        .given(move |w| {
            vote_all(w, proposal, true);
            w.advance(params.proposal_voting_period);
        }),
        case(
            "executing twice",
            GovernanceError::AlreadyExecuted,
            move |w| w.attempt(c.eve, w.governance().execute(proposal), 0),
        )
        .given(move |w| {
            vote_all(w, proposal, true);
            w.advance(params.proposal_voting_period + params.upgrade_timelock);
            w.ok(c.eve, w.governance().execute(proposal), 0);
        }),
        case(
            "a treasury grant of u128::MAX",
            GovernanceError::InsufficientFreeBalance,
            // Proposal 1 is the one made below (0 is Alice's registry change).
            move |w| w.attempt(c.eve, w.governance().execute(1), 0),
        )
        .given(move |w| {
            let id = w.ok(
                c.alice,
                w.governance().propose(
                    this,
                    ink::selector_bytes!("grant"),
                    (c.alice, u128::MAX).encode(),
                    0,
                ),
                0,
            );
            w.ok(c.alice, w.governance().vote(id, true), 0);
            vote_all(w, id, true);
            w.advance(params.proposal_voting_period + params.timelock);
        }),
        // what a proposal may call (issue 13: only the allowlist, never a ruling's remedy)
        case(
            "proposing an expulsion (only a dispute ruling expels)",
            GovernanceError::NotAllowlisted,
            move |w| {
                propose(
                    w,
                    registry,
                    ink::selector_bytes!("MemberEnforcement::expel"),
                    c.mallory.encode(),
                    0,
                )
            },
        ),
        case(
            "proposing a suspension",
            GovernanceError::NotAllowlisted,
            move |w| {
                propose(
                    w,
                    registry,
                    ink::selector_bytes!("MemberEnforcement::suspend"),
                    (c.mallory, 1u64).encode(),
                    0,
                )
            },
        ),
        case(
            "proposing a token recovery (only a dispute ruling recovers)",
            GovernanceError::NotAllowlisted,
            move |w| {
                propose(
                    w,
                    mal.token,
                    ink::selector_bytes!("TokenRemedies::recover"),
                    (c.dave, c.eve).encode(),
                    0,
                )
            },
        ),
        case(
            "proposing a token freeze",
            GovernanceError::NotAllowlisted,
            move |w| {
                propose(
                    w,
                    mal.token,
                    ink::selector_bytes!("TokenRemedies::freeze"),
                    Vec::new(),
                    0,
                )
            },
        ),
        case(
            "proposing a splitter upgrade (splitters have none)",
            GovernanceError::NotAllowlisted,
            move |w| propose(w, mal.splitter, set_code, Hash::from([1; 32]).encode(), 0),
        ),
        case(
            "proposing a call outside the suite",
            GovernanceError::NotAllowlisted,
            move |w| propose(w, stranger, set_code, Hash::from([1; 32]).encode(), 0),
        ),
        case(
            "proposing a registry call with value",
            GovernanceError::NotAllowlisted,
            move |w| {
                propose(
                    w,
                    registry,
                    ink::selector_bytes!("withdraw_treasury"),
                    (c.alice, 1u128).encode(),
                    1,
                )
            },
        ),
        case(
            "a second upgrade of a token while one is pending",
            GovernanceError::UpgradePending,
            move |w| propose(w, mal.token, set_code, Hash::from([2; 32]).encode(), 0),
        )
        .given(move |w| {
            propose(w, mal.token, set_code, Hash::from([1; 32]).encode(), 0)
                .expect("the first upgrade");
        }),
        // rights, cancel and veto
        case(
            "a member proposing before his tenure is served",
            GovernanceError::NoRightsYet,
            move |w| {
                let newcomer = w.account(7);
                w.attempt(
                    newcomer,
                    w.governance()
                        .propose(registry, set_params, registry_params.encode(), 0),
                    0,
                )
            },
        )
        .given(move |w| {
            let newcomer = w.account(7);
            w.admit(newcomer, &[c.alice, c.dave]);
        }),
        case(
            "a member admitted after a proposal voting on it",
            GovernanceError::NoRightsYet,
            move |w| {
                let newcomer = w.account(7);
                w.attempt(newcomer, w.governance().vote(proposal, true), 0)
            },
        )
        .given(move |w| {
            let newcomer = w.account(7);
            w.admit(newcomer, &[c.alice, c.dave]);
        }),
        case(
            "cancelling another member's proposal",
            GovernanceError::NotProposer,
            move |w| w.attempt(c.bob, w.governance().cancel(proposal), 0),
        ),
        case(
            "cancelling an unknown proposal",
            GovernanceError::ProposalNotFound,
            move |w| w.attempt(c.alice, w.governance().cancel(99), 0),
        ),
        case(
            "cancelling twice",
            GovernanceError::ProposalCancelled,
            move |w| w.attempt(c.alice, w.governance().cancel(proposal), 0),
        )
        .given(move |w| w.ok(c.alice, w.governance().cancel(proposal), 0)),
        case(
            "voting on a cancelled proposal",
            GovernanceError::ProposalCancelled,
            move |w| w.attempt(c.bob, w.governance().vote(proposal, true), 0),
        )
        .given(move |w| w.ok(c.alice, w.governance().cancel(proposal), 0)),
        case(
            "executing a cancelled proposal",
            GovernanceError::ProposalCancelled,
            move |w| w.attempt(c.eve, w.governance().execute(proposal), 0),
        )
        .given(move |w| {
            vote_all(w, proposal, true);
            w.advance(params.proposal_voting_period + params.upgrade_timelock);
            w.ok(c.alice, w.governance().cancel(proposal), 0);
        }),
        case(
            "vetoing during the vote",
            GovernanceError::NotInTimelock,
            move |w| w.attempt(c.dave, w.governance().veto(proposal), 0),
        ),
        case(
            "vetoing after the timelock",
            GovernanceError::NotInTimelock,
            move |w| w.attempt(c.dave, w.governance().veto(proposal), 0),
        )
        .given(move |w| {
            vote_all(w, proposal, true);
            w.advance(params.proposal_voting_period + params.upgrade_timelock);
        }),
        case("vetoing twice", GovernanceError::AlreadyVetoed, move |w| {
            w.attempt(c.dave, w.governance().veto(proposal), 0)
        })
        .given(move |w| {
            vote_all(w, proposal, true);
            w.advance(params.proposal_voting_period);
            w.ok(c.dave, w.governance().veto(proposal), 0);
        }),
        case(
            "a stranger vetoing",
            GovernanceError::NotActiveMember,
            move |w| w.attempt(stranger, w.governance().veto(proposal), 0),
        )
        .given(move |w| {
            vote_all(w, proposal, true);
            w.advance(params.proposal_voting_period);
        }),
        case(
            "executing after the grace period",
            GovernanceError::ProposalExpired,
            move |w| w.attempt(c.eve, w.governance().execute(proposal), 0),
        )
        .given(move |w| {
            vote_all(w, proposal, true);
            w.advance(
                params.proposal_voting_period + params.upgrade_timelock + params.grace_period,
            );
        }),
        // governance's own calls, to test its checks
        case(
            "parameters with the appeal bond not above the dispute bond",
            GovernanceError::InvalidParams,
            move |w| {
                let mut bad = params;
                bad.appeal_bond = bad.dispute_bond;
                w.attempt(this, w.governance().set_params(bad), 0)
            },
        ),
        case(
            "parameters without a majority threshold",
            GovernanceError::InvalidParams,
            move |w| {
                let mut bad = params;
                bad.threshold_bps = 5_000;
                w.attempt(this, w.governance().set_params(bad), 0)
            },
        ),
        case(
            "parameters without jurors",
            GovernanceError::InvalidParams,
            move |w| {
                let mut bad = params;
                bad.min_jurors = 0;
                w.attempt(this, w.governance().set_params(bad), 0)
            },
        ),
        case(
            "an upgrade to code that is not stored",
            GovernanceError::UpgradeFailed,
            move |w| w.attempt(this, w.governance().set_code(Hash::from([0xbb; 32])), 0),
        ),
        case("wiring again", GovernanceError::AlreadyWired, move |w| {
            let deployer = w.cast.deployer;
            w.attempt(deployer, w.governance().wire(registry), 0)
        }),
    ];
    run("governance", &mut world, cases);
}

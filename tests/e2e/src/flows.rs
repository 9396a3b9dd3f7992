//! The four flows, written once against [`Backend`] and run by a sandbox test and a node test
//! each (see `tests.rs`). Every flow deploys its own suite, so the flows are independent of
//! each other and of whatever else the node holds.

use crate::clock::Clock;
use crate::support::*;
use governance::disputes::vote_commitment;
use governance::params::GovernanceParams;
use governance::types::{DisputeKind, Phase, Remedy, Ruling, FIRST_ROUND};
use interfaces::{
    GovernanceError, MemberRegistry, SplitterError, TokenError, TokenRemedies, PSP22,
};
use personal_token::types::{AssetKind, OfferingStatus, RequestStatus};
use registry::types::MemberStatus;

/// Flow 1, a sale with the issuer's approval: Bob launches his token through the registry
/// and sells 1% to Alice in an offering; Alice asks to sell half of it to Charlie (a founder)
/// for 60 000 UNIT, Charlie pays into escrow and Bob approves: delivery versus payment, the
/// native amounts exact on the receiving side, and the splitter follows the holders.
///
/// # Errors
/// The first step or check that failed.
pub async fn sale_with_approval<C: Backend>(client: &mut C) -> E2EResult<()> {
    fund_dev_accounts(client).await?;
    let suite = deploy_suite(client, governance_params()).await?;
    let [alice, bob, charlie, ..] = dev_keys();
    let bob_token = launch(client, &suite, &bob).await?;
    let mut bob_calls = token(bob_token.token);
    let one_percent = SUPPLY / 100;
    let price_of_one_percent = one_percent * PRICE_PER_UNIT;
    assert_eq!(price_of_one_percent, 100_000 * UNIT);

    // The offering: Alice subscribes 1% and settles it herself, so Bob signs nothing while
    // he is paid and his balance moves by the exact price.
    let offering = ok(
        client,
        &bob,
        &bob_calls.open_offering(
            one_percent,
            PRICE_PER_UNIT,
            0,
            suite.deployed_at + 7 * DAY,
            Vec::new(),
        ),
        0,
    )
    .await?;
    let alice_before = balance(client, id(&alice)).await?;
    let bob_before = balance(client, id(&bob)).await?;
    ok(
        client,
        &alice,
        &bob_calls.subscribe(offering, one_percent, terms_hash()),
        price_of_one_percent,
    )
    .await?;
    ok(client, &alice, &bob_calls.settle(offering), 0).await?;
    let alice_paid = spent(alice_before, balance(client, id(&alice)).await?)?;
    within_fees("Alice's offering payment", alice_paid, price_of_one_percent)?;
    assert_eq!(
        gained(bob_before, balance(client, id(&bob)).await?)?,
        price_of_one_percent,
        "Bob is paid the offering's price"
    );
    assert_eq!(
        query(client, &bob_calls.balance_of(id(&alice))).await?,
        one_percent
    );

    // Alice asks to sell half to Charlie; her half is locked.
    let half = one_percent / 2;
    let price = 60_000 * UNIT;
    let request = ok(
        client,
        &alice,
        &bob_calls.request_transfer(id(&charlie), half, price),
        0,
    )
    .await?;
    assert_eq!(query(client, &bob_calls.locked_of(id(&alice))).await?, half);

    // Charlie pays into escrow.
    let charlie_before = balance(client, id(&charlie)).await?;
    ok(client, &charlie, &bob_calls.fund_request(request), price).await?;
    let charlie_paid = spent(charlie_before, balance(client, id(&charlie)).await?)?;
    within_fees("Charlie's escrowed payment", charlie_paid, price)?;
    assert_eq!(query(client, &bob_calls.escrow_total()).await?, price);

    // Bob approves: tokens to Charlie, the escrowed price to Alice.
    let alice_before = balance(client, id(&alice)).await?;
    ok(client, &bob, &bob_calls.approve_transfer(request), 0).await?;
    assert_eq!(
        gained(alice_before, balance(client, id(&alice)).await?)?,
        price,
        "Alice receives the escrowed price"
    );
    assert_eq!(
        query(client, &bob_calls.balance_of(id(&charlie))).await?,
        half
    );
    assert_eq!(
        query(client, &bob_calls.balance_of(id(&alice))).await?,
        one_percent - half
    );
    assert_eq!(
        query(client, &bob_calls.balance_of(id(&bob))).await?,
        SUPPLY - one_percent
    );
    assert_eq!(query(client, &bob_calls.locked_of(id(&alice))).await?, 0);
    assert_eq!(query(client, &bob_calls.escrow_total()).await?, 0);
    let executed = query(client, &bob_calls.request(request))
        .await?
        .ok_or("the request is gone")?;
    assert_eq!(executed.status, RequestStatus::Executed);
    assert_eq!(
        query(client, &bob_calls.implied_valuation()).await?,
        Some(12_000_000 * UNIT),
        "60 000 UNIT for 0.5% values Bob at 12 million"
    );

    // The splitter's record follows the holders (the issuer's own tokens are not outstanding).
    let bob_splitter = splitter(bob_token.splitter);
    assert_eq!(
        query(client, &bob_splitter.holder_balance(id(&charlie))).await?,
        half
    );
    assert_eq!(
        query(client, &bob_splitter.holder_balance(id(&alice))).await?,
        one_percent - half
    );
    assert_eq!(
        query(client, &bob_splitter.outstanding()).await?,
        one_percent
    );
    Ok(())
}

/// Flow 2, an invite-only offering: Bob offers 2% to Alice and Charlie only; Dave, a member
/// who was not invited, is refused with `NotInvited`; settling early is refused with
/// `OfferingStillOpen`; once sold out Dave settles it: tokens delivered, Bob paid exactly what
/// was raised, escrow empty, and a second settlement refused.
///
/// # Errors
/// The first step or check that failed.
pub async fn invite_only_offering<C: Backend>(client: &mut C) -> E2EResult<()> {
    fund_dev_accounts(client).await?;
    let suite = deploy_suite(client, governance_params()).await?;
    let [alice, bob, charlie, dave, ..] = dev_keys();
    let bob_token = launch(client, &suite, &bob).await?;
    let mut bob_calls = token(bob_token.token);
    let each = SUPPLY / 100;
    let price_per_unit: Balance = 1_000_000;
    let cost = each * price_per_unit;
    let total = 2 * cost;
    assert_eq!(cost, 10_000 * UNIT);

    let offering = ok(
        client,
        &bob,
        &bob_calls.open_offering(
            2 * each,
            price_per_unit,
            total,
            suite.deployed_at + 7 * DAY,
            vec![id(&alice), id(&charlie)],
        ),
        0,
    )
    .await?;
    let opened = query(client, &bob_calls.offering(offering))
        .await?
        .ok_or("no offering")?;
    assert!(opened.invite_only);
    assert_eq!(opened.status, OfferingStatus::Open);
    assert!(query(client, &bob_calls.is_invited(offering, id(&alice))).await?);
    assert!(!query(client, &bob_calls.is_invited(offering, id(&dave))).await?);
    // Bob's offered tokens are locked.
    assert_eq!(
        query(client, &bob_calls.locked_of(id(&bob))).await?,
        2 * each
    );

    assert_eq!(
        refused(
            client,
            &dave,
            &bob_calls.subscribe(offering, each, terms_hash()),
            cost
        )
        .await?,
        TokenError::NotInvited,
        "a member who was not invited"
    );
    assert_eq!(
        refused(
            client,
            &alice,
            &bob_calls.subscribe(offering, each, Hash::from([0xee; 32])),
            cost
        )
        .await?,
        TokenError::TermsMismatch,
        "consent to other terms"
    );

    ok(
        client,
        &alice,
        &bob_calls.subscribe(offering, each, terms_hash()),
        cost,
    )
    .await?;
    assert_eq!(
        refused(client, &dave, &bob_calls.settle(offering), 0).await?,
        TokenError::OfferingStillOpen,
        "half sold, deadline ahead"
    );
    ok(
        client,
        &charlie,
        &bob_calls.subscribe(offering, each, terms_hash()),
        cost,
    )
    .await?;
    assert_eq!(query(client, &bob_calls.escrow_total()).await?, total);

    // Sold out: anyone settles; Bob signs nothing and is paid exactly what was raised.
    let bob_before = balance(client, id(&bob)).await?;
    ok(client, &dave, &bob_calls.settle(offering), 0).await?;
    assert_eq!(
        gained(bob_before, balance(client, id(&bob)).await?)?,
        total,
        "Bob is paid what the offering raised"
    );
    let settled = query(client, &bob_calls.offering(offering))
        .await?
        .ok_or("no offering")?;
    assert_eq!(settled.status, OfferingStatus::Settled);
    assert_eq!((settled.sold, settled.raised), (2 * each, total));
    for buyer in [&alice, &charlie] {
        assert_eq!(query(client, &bob_calls.balance_of(id(buyer))).await?, each);
        let position = query(client, &bob_calls.subscription(offering, id(buyer))).await?;
        assert!(position.delivered);
    }
    assert_eq!(
        query(client, &bob_calls.balance_of(id(&bob))).await?,
        SUPPLY - 2 * each
    );
    assert_eq!(query(client, &bob_calls.locked_of(id(&bob))).await?, 0);
    assert_eq!(query(client, &bob_calls.escrow_total()).await?, 0);
    assert_eq!(
        query(client, &splitter(bob_token.splitter).outstanding()).await?,
        2 * each
    );
    assert_eq!(
        refused(client, &dave, &bob_calls.settle(offering), 0).await?,
        TokenError::OfferingFinalized
    );
    Ok(())
}

/// Flow 3, liquidation and claims: Alice holds 1% of Bob's token; Bob discloses a company
/// stake and reports selling it for 10 000 000 UNIT, paying the holders' share
/// (`holders_share`: 100 000 UNIT; a payment short by one planck is refused with
/// `LiquidationUnderpaid`); Alice claims exactly 1% of the proceeds, and nothing more.
///
/// # Errors
/// The first step or check that failed.
pub async fn liquidation_and_claims<C: Backend>(client: &mut C) -> E2EResult<()> {
    fund_dev_accounts(client).await?;
    let suite = deploy_suite(client, governance_params()).await?;
    let [alice, bob, ..] = dev_keys();
    let bob_token = launch(client, &suite, &bob).await?;
    buy_in_offering(
        client,
        &suite,
        bob_token,
        &bob,
        &alice,
        SUPPLY / 100,
        PRICE_PER_UNIT,
    )
    .await?;
    let mut bob_calls = token(bob_token.token);
    let mut bob_splitter = splitter(bob_token.splitter);

    let asset = ok(
        client,
        &bob,
        &bob_calls.disclose_asset(
            AssetKind::CompanyStake,
            Hash::from([1; 32]),
            8_000_000 * UNIT,
        ),
        0,
    )
    .await?;
    let gross = 10_000_000 * UNIT;
    let share = query(client, &bob_calls.holders_share(gross))
        .await?
        .map_err(|error| format!("holders_share: {error:?}"))?;
    assert_eq!(share, 100_000 * UNIT, "1% of the proceeds");
    assert_eq!(
        refused(
            client,
            &bob,
            &bob_calls.report_liquidation(asset, gross),
            share - 1
        )
        .await?,
        TokenError::LiquidationUnderpaid { required: share }
    );
    let bob_before = balance(client, id(&bob)).await?;
    ok(
        client,
        &bob,
        &bob_calls.report_liquidation(asset, gross),
        share,
    )
    .await?;
    let bob_paid = spent(bob_before, balance(client, id(&bob)).await?)?;
    within_fees("Bob's payment of the holders' share", bob_paid, share)?;

    let record = query(client, &bob_calls.liquidation(asset, 0))
        .await?
        .ok_or("no liquidation record")?;
    assert_eq!(
        (record.gross_proceeds, record.holders_share),
        (gross, share)
    );
    assert_eq!(
        query(client, &bob_splitter.claimable(id(&alice))).await?,
        Ok(100_000 * UNIT)
    );
    assert_eq!(
        query(client, &bob_splitter.claimable(id(&bob))).await?,
        Ok(0)
    );

    let alice_before = balance(client, id(&alice)).await?;
    let claimed = ok(client, &alice, &bob_splitter.claim(), 0).await?;
    assert_eq!(claimed, 100_000 * UNIT, "exactly 1%");
    let alice_received = gained(alice_before, balance(client, id(&alice)).await?)?;
    within_fees("Alice's claim", claimed - alice_received, 0)?;
    assert_eq!(
        refused(client, &alice, &bob_splitter.claim(), 0).await?,
        SplitterError::NothingToClaim
    );
    let accounting = query(client, &bob_splitter.accounting())
        .await?
        .map_err(|error| format!("accounting: {error:?}"))?;
    assert_eq!(
        (accounting.total_received, accounting.total_claimed),
        (share, share)
    );
    Ok(())
}

/// Governance parameters of the dispute flow: the deployment plan's, with phases short enough
/// for a live node, where time is real. Each phase must hold the flow's calls in it: on the
/// node, the commit phase's (four refusals by dry run, three transactions) took 0.3 s and the
/// reveal phase's 0.2 s; the phases leave more than ten times that.
pub fn short_dispute_params() -> GovernanceParams {
    GovernanceParams {
        evidence_period: 2_000,
        commit_period: 4_000,
        reveal_period: 4_000,
        appeal_period: 3_000,
        ..governance_params()
    }
}

/// A juror's secret salt (any 32 bytes he keeps until the reveal).
fn salt_of(juror: AccountId) -> [u8; 32] {
    let bytes: &[u8; 32] = juror.as_ref();
    [bytes[1]; 32]
}

/// Flow 4, a dispute to expulsion: Nina, a newcomer, applies and is vouched in by Eve and
/// Ferdie, launches her token and sells 10% to Dave; Ferdie accuses her of an undisclosed
/// liquidation and asks for her expulsion. Conflicted members (the parties, her vouchers, her
/// holder) are refused as jurors with `JurorExcluded`; Alice, Bob and Charlie commit and
/// reveal (2 to 1 to uphold); after the appeal window the ruling executes: Nina expelled, her
/// token frozen, Ferdie's bond back, and Dave can claim her slashed bonds.
///
/// # Errors
/// The first step or check that failed.
pub async fn dispute_to_expulsion<C: Backend + Clock>(client: &mut C) -> E2EResult<()> {
    fund_dev_accounts(client).await?;
    let suite = deploy_suite(client, short_dispute_params()).await?;
    let [alice, bob, charlie, dave, eve, ferdie] = dev_keys();
    let registry_params = suite.registry_params;
    let governance_params = suite.governance_params;
    let nina = client.create_and_fund_account(&alice, 10_000 * UNIT).await;
    admit(client, &suite, &nina, &[&eve, &ferdie]).await?;
    let nina_token = launch(client, &suite, &nina).await?;
    buy_in_offering(client, &suite, nina_token, &nina, &dave, SUPPLY / 10, 1).await?;

    let mut governance_calls = governance(suite.governance);
    let dispute = ok(
        client,
        &ferdie,
        &governance_calls.open_dispute(
            id(&nina),
            DisputeKind::UndisclosedLiquidation,
            Hash::from([0xe1; 32]),
            Remedy::Expel,
        ),
        governance_params.dispute_bond,
    )
    .await?;
    let record = query(client, &governance_calls.dispute(dispute))
        .await?
        .ok_or("no dispute")?;
    assert_eq!(record.quorum, 3, "7 active members: max(3, 30%)");
    assert_eq!(
        query(client, &governance_calls.phase(dispute)).await?,
        Some(Phase::Evidence)
    );

    // Commit phase.
    client.advance_to(record.evidence_ends).await?;
    assert_eq!(
        query(client, &governance_calls.phase(dispute)).await?,
        Some(Phase::Commit { round: FIRST_ROUND })
    );
    for conflicted in [&nina, &ferdie, &eve, &dave] {
        let commitment = vote_commitment(dispute, FIRST_ROUND, id(conflicted), false, [7; 32]);
        assert_eq!(
            refused(
                client,
                conflicted,
                &governance_calls.commit_vote(dispute, commitment),
                governance_params.juror_deposit
            )
            .await?,
            GovernanceError::JurorExcluded,
            "the accused, the claimant, a voucher and a holder may not judge"
        );
    }
    let jurors = [(&alice, true), (&bob, true), (&charlie, false)];
    for (juror, vote) in jurors {
        let juror_id = id(juror);
        let commitment = vote_commitment(dispute, FIRST_ROUND, juror_id, vote, salt_of(juror_id));
        ok(
            client,
            juror,
            &governance_calls.commit_vote(dispute, commitment),
            governance_params.juror_deposit,
        )
        .await?;
    }

    // Reveal phase.
    client.advance_to(record.commit_ends).await?;
    assert_eq!(
        query(client, &governance_calls.phase(dispute)).await?,
        Some(Phase::Reveal { round: FIRST_ROUND })
    );
    for (juror, vote) in jurors {
        let salt = salt_of(id(juror));
        ok(
            client,
            juror,
            &governance_calls.reveal_vote(dispute, vote, salt),
            0,
        )
        .await?;
    }

    // Appeal window: upheld, not yet final.
    client.advance_to(record.reveal_ends).await?;
    assert_eq!(
        query(client, &governance_calls.phase(dispute)).await?,
        Some(Phase::AppealWindow)
    );
    assert_eq!(
        query(client, &governance_calls.ruling(dispute)).await?,
        Some(Ruling::Upheld)
    );
    assert_eq!(
        refused(client, &bob, &governance_calls.execute_ruling(dispute), 0).await?,
        GovernanceError::NotFinal
    );

    // Final: the ruling executes.
    client.advance_to(record.appeal_ends).await?;
    assert_eq!(
        query(client, &governance_calls.phase(dispute)).await?,
        Some(Phase::Final)
    );
    let ferdie_before = balance(client, id(&ferdie)).await?;
    ok(client, &bob, &governance_calls.execute_ruling(dispute), 0).await?;
    assert_eq!(
        gained(ferdie_before, balance(client, id(&ferdie)).await?)?,
        governance_params.dispute_bond,
        "the claimant's bond comes back"
    );
    let registry_calls = registry(suite.registry);
    let member = query(client, &registry_calls.member(id(&nina)))
        .await?
        .ok_or("Nina is no member")?;
    assert_eq!(member.status, MemberStatus::Expelled);
    assert!(!query(client, &registry_calls.is_active(id(&nina))).await?);
    assert!(query(client, &token(nina_token.token).is_frozen()).await?);
    assert_eq!(query(client, &governance_calls.bonds_held()).await?, 0);
    assert_eq!(
        refused(client, &alice, &governance_calls.execute_ruling(dispute), 0).await?,
        GovernanceError::AlreadyExecuted
    );

    // Her bond and her vouchers' bonds went to her token's holders: Dave holds all of it.
    let slashed = registry_params.application_bond + 2 * registry_params.vouch_bond;
    let mut nina_splitter = splitter(nina_token.splitter);
    assert_eq!(
        query(client, &nina_splitter.claimable(id(&dave))).await?,
        Ok(slashed)
    );
    let dave_before = balance(client, id(&dave)).await?;
    let claimed = ok(client, &dave, &nina_splitter.claim(), 0).await?;
    assert_eq!(claimed, slashed);
    let dave_received = gained(dave_before, balance(client, id(&dave)).await?)?;
    within_fees("Dave's claim", claimed - dave_received, 0)?;
    Ok(())
}

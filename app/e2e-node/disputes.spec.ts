/// <reference types="node" />
// A dispute from its opening to its execution on a live node (issue 15's journey 4), with the
// plan's short dispute windows (e2e-node/local-config.json: 20 s evidence, 30 s commit, 30 s
// reveal, 20 s appeal). Charlie accuses Ferdie (test client); Ferdie answers with evidence
// hashed in the page, as a party; Carol, a member whose rights began after the opening, is told
// why she may not judge; Alice commits her vote in the page (salt made and kept in the browser),
// exports the backup, and Bob and Dave commit through the test client (quorum: 3 of the 5
// eligible); in a fresh browser context, without the salt, Alice's page warns, she restores the
// backup and reveals in one click; Bob and Dave reveal; the ruling (Upheld) is executed from
// the page, and Ferdie is suspended; in the appeal window only Ferdie, the losing side, is offered
// the appeal. The node's clock is real time: the test seals a block now
// and then so that the chain's time (and so the phase) moves on.

import { readFileSync } from 'node:fs';
import { documentHash } from '../src/lib/hash';
import { voteCommitment } from '../src/lib/votes';
import { axe, connectAs, expect, send, shot, signDialog, test, waitUntil, type Chain, type KeyName } from './fixtures';

/** Until governance says dispute `id` is in `phase`. */
const waitForPhase = (chain: Chain, id: bigint, phase: string) =>
  waitUntil(chain, `dispute #${id}`, async () => (await chain.governance().query.phase(id)).data?.type, phase);

const hex = (b: Uint8Array) => `0x${Buffer.from(b).toString('hex')}` as `0x${string}`;

test('journey 4 (governance): a dispute against Ferdie, from opening through commit, reveal from a restored backup, to execution', async ({ page, browser, chain, wallet, pageErrors }, info) => {
  test.setTimeout(240_000);
  void pageErrors;
  const governance = chain.governance();
  const registry = chain.registry();
  const params = (await governance.query.params()).data;
  expect(params.commitPeriod, 'the plan took the short dispute windows of local-config.json').toBe(30_000n);
  const ferdie = chain.address('Ferdie');
  const evidence = documentHash('Ferdie sold his boat and reported nothing.');
  const remedy = { type: 'Suspend' as const, value: 7n * 86_400_000n };
  await send(chain, 'Charlie', 'open_dispute', await governance.query.openDispute(ferdie, 'UndisclosedLiquidation', evidence, remedy, { caller: chain.address('Charlie'), value: params.disputeBond }), (gas) =>
    governance.tx.openDispute(ferdie, 'UndisclosedLiquidation', evidence, remedy, { gasLimit: gas, value: params.disputeBond }),
  );
  const id = (await governance.query.disputeCount()).data - 1n;
  const dispute = (await governance.query.dispute(id)).data;
  if (!dispute) throw new Error('no dispute');
  expect(dispute.quorum).toBe(3);

  // Evidence: Ferdie answers with a file hashed in the page.
  await wallet.install(page, ['Ferdie', 'Alice', 'Carol']);
  await connectAs(page, 'Ferdie', chain, `/#/dispute/${id}`);
  await expect(page.getByTestId('dispute-phase')).toHaveText('Evidence period', { timeout: 20_000 });
  const timeline = page.getByTestId('timeline').locator('li');
  await expect(timeline).toHaveCount(7);
  await expect(timeline.nth(1)).toHaveAttribute('data-state', 'now');
  await expect(page.getByText('You are a party to this dispute: parties give evidence and do not judge it.')).toBeVisible();
  const ends = await page.evaluate(
    (ms: string[]) => ms.map((m) => new Date(Number(m)).toLocaleString('en-US', { dateStyle: 'medium', timeStyle: 'short' })),
    [dispute.evidenceEnds, dispute.commitEnds, dispute.revealEnds, dispute.appealEnds].map(String),
  );
  for (const [i, text] of ends.entries()) await expect(timeline.nth(i + 1)).toContainText(`until ${text}`);
  const file = Buffer.from('Receipt: the boat was sold for 12,000 UNIT and reported on 2026-11-02.');
  await page.getByLabel('Evidence file').setInputFiles({ name: 'receipt.txt', mimeType: 'text/plain', buffer: file });
  await expect(page.getByTestId('evidence-file-hash')).toContainText(documentHash(new Uint8Array(file)));
  await page.getByRole('button', { name: 'Review the evidence' }).click();
  await signDialog(page, 'Submit evidence');
  await shot(page, info, 'dispute-evidence');
  await axe(page, 'dispute page');

  // Commit: Alice in the page, then the backup file; Bob and Dave through the test client.
  await waitForPhase(chain, id, 'Commit');
  // Who may judge, in the contract's words: Carol's rights began after the opening (or she is
  // not a member, if the console journey did not admit her); Alice may.
  const carolRights = (await registry.query.memberRegistryRightsSince(chain.address('Carol'))).data;
  await page.getByTestId('account-picker').selectOption(chain.address('Carol'));
  await expect(page.getByTestId('juror-eligibility')).toContainText(
    carolRights === undefined ? 'Only active members judge disputes.' : 'Your rights as a member began after this dispute was opened',
    { timeout: 20_000 },
  );
  await expect(page.getByRole('button', { name: 'Review my vote' })).toHaveCount(0);
  await shot(page, info, 'dispute-not-eligible');
  await page.getByTestId('account-picker').selectOption(chain.address('Alice'));
  await expect(page.getByTestId('juror-eligibility')).toContainText('You may judge this dispute', { timeout: 20_000 });
  await page.getByLabel('Uphold: the accusation is proven').check({ timeout: 20_000 });
  await page.getByRole('button', { name: 'Review my vote' }).click();
  await signDialog(page, `Commit your vote on dispute #${id}`);
  const aliceVote = (await governance.query.voteOf(id, 1, chain.address('Alice'))).data;
  expect(aliceVote?.commitment).toMatch(/^0x[0-9a-f]{64}$/);
  await expect(page.getByText('Your vote is committed: reveal it in the reveal period.')).toBeVisible({ timeout: 20_000 });
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-ballots').click()]);
  const backupPath = info.outputPath('ballots-backup.json');
  await download.saveAs(backupPath);
  const backup = JSON.parse(readFileSync(backupPath, 'utf8')) as { ballots: Array<{ commitment: string; vote: boolean }> };
  expect(backup.ballots.find((b) => b.commitment === aliceVote?.commitment)?.vote).toBe(true);
  await shot(page, info, 'dispute-committed');

  const salts = new Map<KeyName, Uint8Array>();
  for (const juror of ['Bob', 'Dave'] as const) {
    const salt = crypto.getRandomValues(new Uint8Array(32));
    salts.set(juror, salt);
    const who = chain.address(juror);
    const commitment = voteCommitment(id, 1, who, true, salt);
    expect((await governance.query.voteCommitment(id, 1, who, true, hex(salt))).data).toBe(commitment); // the app's formula is the contract's
    await send(chain, juror, 'commit_vote', await governance.query.commitVote(id, commitment, { caller: who, value: dispute.jurorDeposit }), (gas) =>
      governance.tx.commitVote(id, commitment, { gasLimit: gas, value: dispute.jurorDeposit }),
    );
  }

  // Reveal: a fresh browser context has no salt; the page warns; the backup restores it.
  await waitForPhase(chain, id, 'Reveal');
  const fresh = await browser.newContext();
  const other = await fresh.newPage();
  await wallet.install(other, ['Alice']);
  await connectAs(other, 'Alice', chain, `/#/dispute/${id}`);
  const missing = other.getByTestId('missing-salt');
  await expect(missing).toContainText('its salt is not on this device', { timeout: 20_000 });
  await shot(other, info, 'dispute-missing-salt');
  await missing.getByLabel('Restore votes from a backup').setInputFiles(backupPath);
  await expect(other.getByText('Restored 1 vote.')).toBeVisible();
  await other.getByRole('button', { name: 'Reveal my vote' }).click();
  await signDialog(other, `Reveal your vote on dispute #${id}`);
  expect((await governance.query.voteOf(id, 1, chain.address('Alice'))).data?.revealed).toBe(true);
  await fresh.close();
  for (const juror of ['Bob', 'Dave'] as const) {
    const who = chain.address(juror);
    const salt = hex(salts.get(juror) ?? new Uint8Array(32));
    await send(chain, juror, 'reveal_vote', await governance.query.revealVote(id, true, salt, { caller: who }), (gas) => governance.tx.revealVote(id, true, salt, { gasLimit: gas }));
  }
  const tally = (await governance.query.dispute(id)).data?.firstRound;
  expect(tally).toEqual({ committed: 3, yes: 3, no: 0 });

  // The appeal window: Ferdie lost the first instance, and only he is offered the appeal.
  await waitForPhase(chain, id, 'AppealWindow');
  await expect(page.getByTestId('dispute-phase')).toHaveText('Ruled Upheld: open to appeal', { timeout: 10_000 });
  await expect(page.getByRole('button', { name: 'Appeal the ruling' })).toHaveCount(0);
  await page.getByTestId('account-picker').selectOption(ferdie);
  await expect(page.getByRole('button', { name: 'Appeal the ruling' })).toBeVisible({ timeout: 10_000 });
  await shot(page, info, 'dispute-appeal-window');
  await page.getByTestId('account-picker').selectOption(chain.address('Alice'));

  // The ruling, final after the appeal window, is executed from the page: Ferdie is suspended.
  await waitForPhase(chain, id, 'Final');
  await expect(page.getByTestId('dispute-phase')).toHaveText('Final: Upheld, waiting for execution', { timeout: 20_000 }); // the page follows each block
  await page.getByRole('button', { name: 'Execute the ruling' }).click();
  await signDialog(page, `Execute the ruling of dispute #${id}`);
  await expect(page.getByTestId('dispute-phase')).toHaveText('Final: Upheld, executed', { timeout: 20_000 });
  await expect(page.getByTestId('timeline').locator('li').last()).toHaveAttribute('data-state', 'done');
  await shot(page, info, 'dispute-executed');
  expect((await governance.query.dispute(id)).data?.executed).toBe(true);
  expect((await registry.query.member(ferdie)).data?.status.type).toBe('Suspended');
  expect((await registry.query.memberRegistryIsActive(ferdie)).data).toBe(false);

  // The list: the dispute, final and executed.
  await page.getByRole('link', { name: 'Disputes', exact: true }).click();
  await expect(page.getByTestId(`dispute-row-${id}`)).toContainText('Final: Upheld, executed', { timeout: 20_000 });
  await shot(page, info, 'disputes');
  await axe(page, 'disputes page');
});

/// <reference types="node" />
// Disputes on a live node, as far as the local network's two-day periods allow in a test run:
// Charlie opens a dispute against Ferdie through the test client; the disputes list and the
// dispute's page show it as a timeline whose windows end when the contract says (evidence now);
// the accused submits evidence hashed in the page; a juror sees that votes are committed after
// the evidence period; and the commitment the browser computes is the contract's own
// `vote_commitment` for the same vote and salt.

import { documentHash } from '../src/lib/hash';
import { voteCommitment } from '../src/lib/votes';
import { axe, connectAs, expect, send, shot, test } from './fixtures';

test('disputes: a dispute opened against Ferdie, its timeline, the accused\'s evidence, and the juror\'s commitment', async ({ page, chain, wallet, pageErrors }, info) => {
  void pageErrors;
  const governance = chain.governance();
  const params = (await governance.query.params()).data;
  const charlie = chain.address('Charlie');
  const ferdie = chain.address('Ferdie');
  const evidence = documentHash('Ferdie sold his boat and reported nothing.');
  const remedy = { type: 'Suspend' as const, value: 7n * 86_400_000n };
  await send(chain, 'Charlie', 'open_dispute', await governance.query.openDispute(ferdie, 'UndisclosedLiquidation', evidence, remedy, { caller: charlie, value: params.disputeBond }), (gas) =>
    governance.tx.openDispute(ferdie, 'UndisclosedLiquidation', evidence, remedy, { gasLimit: gas, value: params.disputeBond }),
  );
  const id = (await governance.query.disputeCount()).data - 1n;
  const dispute = (await governance.query.dispute(id)).data;
  if (!dispute) throw new Error('no dispute');

  await wallet.install(page, ['Ferdie', 'Alice']);
  await connectAs(page, 'Ferdie', chain, '/#/disputes');
  await expect(page.getByTestId(`dispute-row-${id}`)).toContainText('Evidence period', { timeout: 30_000 });
  await shot(page, info, 'disputes');
  await axe(page, 'disputes');
  await page.getByRole('link', { name: `#${id}` }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Dispute #${id}` })).toBeVisible({ timeout: 20_000 });
  await expect(page.getByText('Suspension for 7 days')).toBeVisible();
  const timeline = page.getByTestId('timeline').locator('li');
  await expect(timeline).toHaveCount(7);
  await expect(timeline.nth(1)).toHaveAttribute('data-state', 'now');
  await expect(timeline.nth(1)).toContainText(/left\)/); // the evidence window's countdown
  const ends = await page.evaluate(
    (ms: string[]) => ms.map((m) => new Date(Number(m)).toLocaleString('en-US', { dateStyle: 'medium', timeStyle: 'short' })),
    [dispute.evidenceEnds, dispute.commitEnds, dispute.revealEnds, dispute.appealEnds].map(String),
  );
  for (const [i, text] of ends.entries()) await expect(timeline.nth(i + 1)).toContainText(`until ${text}`);

  // The accused answers with a file hashed in the page.
  const file = Buffer.from('Receipt: the boat was sold for 12,000 UNIT and reported on 2026-11-02.');
  await page.getByLabel('Evidence file').setInputFiles({ name: 'receipt.txt', mimeType: 'text/plain', buffer: file });
  await expect(page.getByTestId('evidence-file-hash')).toContainText(documentHash(new Uint8Array(file)));
  await page.getByRole('button', { name: 'Review the evidence' }).click();
  const dialog = page.getByRole('dialog', { name: 'Submit evidence' });
  await expect(dialog.getByText('Network fee (estimate)')).toBeVisible({ timeout: 20_000 });
  await dialog.getByRole('button', { name: 'Sign and submit' }).click();
  await expect(dialog.getByText(/Done: finalized in block #\d+/)).toBeVisible({ timeout: 30_000 });
  await dialog.getByRole('button', { name: 'Close' }).click();
  // The contract recorded it: an Evidence event of this dispute from Ferdie with that hash.
  const best = Number(await chain.client.query.system.number());
  const hash = await chain.client.rpc.chain_getBlockHash(best);
  const records = await (await chain.client.at(hash as `0x${string}`)).query.system.events();
  const events = governance.decodeEvents(records as never) as Array<{ name: string; data: { dispute?: bigint; party?: { address(): string }; evidenceHash?: string } }>;
  const recorded = events.find((e) => e.name === 'Evidence');
  expect(recorded?.data.dispute).toBe(id);
  expect(recorded?.data.party?.address()).toBe(ferdie);
  expect(recorded?.data.evidenceHash).toBe(documentHash(new Uint8Array(file)));

  // A juror (Alice) is told that votes come after the evidence period.
  await page.getByTestId('account-picker').selectOption(chain.address('Alice'));
  await expect(page.getByText('Jurors commit their votes after the evidence period.')).toBeVisible({ timeout: 20_000 });
  await shot(page, info, 'dispute-page');
  await axe(page, 'dispute page');

  // The browser's commitment is the contract's.
  const salt = Uint8Array.from({ length: 32 }, (_, i) => (i * 7 + 3) % 256);
  for (const vote of [true, false]) {
    const onChain = (await governance.query.voteCommitment(id, 1, chain.address('Alice'), vote, `0x${Buffer.from(salt).toString('hex')}`)).data;
    expect(voteCommitment(id, 1, chain.address('Alice'), vote, salt)).toBe(onChain);
  }
});

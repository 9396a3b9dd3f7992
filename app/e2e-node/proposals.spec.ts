/// <reference types="node" />
// A parameter proposal on a live node (issue 15's journey 5), with the plan's short proposal
// windows (e2e-node/local-config.json: 30 s of voting, a 15 s constitutional timelock). Alice
// opens the form (built from governance's metadata, prefilled from the current parameters),
// is refused a quorum above 100%, raises the dispute bond by 200 UNIT and proposes; the page
// shows the change and the stored deadlines; Bob's notices tell him it awaits his vote; Alice,
// Bob and Charlie vote for it in the page;
// during its timelock the page offers the veto; once executable, Alice executes it from the
// page and governance's parameters are the old ones with the new bond (read by the test's own
// client); Alice's member page lists her activity. The node's clock is real time: the test
// seals a block now and then.

import type { Page } from '@playwright/test';
import { formatAmount } from '../src/lib/amount';
import { axe, connectAs, expect, shot, signDialog, test, waitUntil, type Chain } from './fixtures';

/** Until governance says proposal `id` is in `state`. */
const waitForState = (chain: Chain, id: bigint, state: string) =>
  waitUntil(chain, `proposal #${id}`, async () => (await chain.governance().query.proposalState(id)).data?.type, state);

const UNIT = 10n ** 12n;

const dateText = (page: Page, ms: bigint[]) =>
  page.evaluate((m: string[]) => m.map((x) => new Date(Number(x)).toLocaleString('en-US', { dateStyle: 'medium', timeStyle: 'short' })), ms.map(String));

test('journey 5 (governance): a parameter proposal made from the form, voted, and executed after its timelock', async ({ page, chain, wallet, pageErrors }, info) => {
  test.setTimeout(180_000);
  void pageErrors;
  const governance = chain.governance();
  const before = (await governance.query.params()).data;
  expect(before.upgradeTimelock, 'the plan took the short proposal windows of local-config.json').toBe(15_000n);
  const bond = before.disputeBond + 200n * UNIT;

  // The form: governance's parameters, prefilled from the chain, checked field by field.
  await wallet.install(page, ['Alice', 'Bob', 'Charlie']);
  await connectAs(page, 'Alice', chain, '/#/proposals/new');
  await expect(page.getByLabel('Call', { exact: true })).toHaveValue('governance.set_params');
  const bondField = page.getByLabel('Dispute bond', { exact: true });
  await expect(bondField).toHaveValue(formatAmount(before.disputeBond, { decimals: 12, group: false }), { timeout: 20_000 });
  await expect(page.getByLabel('Commit period')).toHaveValue(before.commitPeriod.toString());
  await expect(page.getByTestId('class-rules')).toContainText('75% of them for; then it waits a timelock of 15 s');
  const quorum = page.getByLabel('Proposal quorum (basis points)');
  await quorum.fill('10001');
  await page.getByRole('button', { name: 'Review the proposal' }).click();
  await expect(page.getByText('at most 10000 (100%)')).toBeVisible();
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await quorum.fill(String(before.proposalQuorumBps));
  await bondField.fill(formatAmount(bond, { decimals: 12, group: false }));
  await shot(page, info, 'proposal-form');
  await axe(page, 'new proposal page');
  await page.getByRole('button', { name: 'Review the proposal' }).click();
  const review = page.getByRole('dialog', { name: 'Make a proposal' });
  await expect(review).toContainText(`Dispute bond: ${formatAmount(before.disputeBond, { decimals: 12, symbol: 'UNIT' })} → ${formatAmount(bond, { decimals: 12, symbol: 'UNIT' })}`);
  await signDialog(page, 'Make a proposal');
  const id = (await governance.query.proposalCount()).data - 1n;
  const stored = (await governance.query.proposal(id)).data;
  if (!stored) throw new Error('no proposal');
  expect(stored.proposer.address(42)).toBe(chain.address('Alice'));
  expect(stored.class).toBe('Constitutional');
  expect(stored.quorum, 'three votes reach the quorum').toBeLessThanOrEqual(3);

  // The proposal's page: the change, the stored deadlines, the votes.
  await page.getByRole('link', { name: `proposal #${id}` }).click();
  await expect(page.getByTestId('proposal-state')).toHaveText('Voting', { timeout: 20_000 });
  await expect(page.getByText(`Governance (${stored.target.address(42)})`)).toBeVisible();
  await expect(page.getByTestId('proposal-call')).toHaveText(`Dispute bond: ${formatAmount(before.disputeBond, { decimals: 12, symbol: 'UNIT' })} → ${formatAmount(bond, { decimals: 12, symbol: 'UNIT' })}`);
  const steps = page.getByTestId('proposal-timeline').locator('li');
  await expect(steps).toHaveCount(5);
  const [votingEnds, eta, expires] = await dateText(page, [stored.votingEnds, stored.eta, stored.expires]);
  await expect(steps.nth(1)).toContainText(`until ${votingEnds}`);
  await expect(steps.nth(2)).toContainText(`Timelock (members may veto) until ${eta}`);
  await expect(steps.nth(3)).toContainText(`until ${expires}`);
  // Bob's notices: the proposal awaits his vote; the notice leads to it.
  await page.getByTestId('account-picker').selectOption(chain.address('Bob'));
  await page.getByTestId('notices-link').click();
  const notice = page.getByTestId('notices').locator('li').filter({ hasText: `Proposal #${id} is open: members vote until` });
  await expect(notice).toContainText('and you have not voted.', { timeout: 20_000 });
  await notice.getByRole('link').click();
  await expect(page.getByTestId('proposal-state')).toHaveText('Voting', { timeout: 20_000 });
  for (const voter of ['Alice', 'Bob', 'Charlie'] as const) {
    await page.getByTestId('account-picker').selectOption(chain.address(voter));
    await page.getByRole('button', { name: 'Vote for' }).click();
    await signDialog(page, `Vote for proposal #${id}`);
    await expect(page.getByText('You voted for it.')).toBeVisible({ timeout: 20_000 });
  }
  const voted = (await governance.query.proposal(id)).data;
  expect([voted?.yes, voted?.no]).toEqual([3, 0]);
  await expect(page.getByTestId('proposal-tally')).toContainText('3 for, 0 against');
  await shot(page, info, 'proposal-voting');
  await axe(page, 'proposal page');

  // The timelock: a member may veto; nobody may execute yet.
  await waitForState(chain, id, 'Queued');
  await expect(page.getByTestId('proposal-state')).toHaveText('Passed: in its timelock (members may veto)', { timeout: 10_000 });
  await expect(page.getByRole('button', { name: 'Veto' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Execute' })).toHaveCount(0);
  await expect(steps.nth(2)).toHaveAttribute('data-state', 'now');

  // Executable: Alice executes it from the page.
  await waitForState(chain, id, 'Executable');
  await page.getByTestId('account-picker').selectOption(chain.address('Alice'));
  await expect(page.getByTestId('proposal-state')).toHaveText('Passed: executable by anyone', { timeout: 20_000 });
  await page.getByRole('button', { name: 'Execute' }).click();
  await signDialog(page, `Execute proposal #${id}`);
  await expect(page.getByTestId('proposal-state')).toHaveText('Executed', { timeout: 20_000 });
  await expect(steps.last()).toHaveAttribute('data-state', 'done');
  await shot(page, info, 'proposal-executed');
  expect((await governance.query.params()).data).toEqual({ ...before, disputeBond: bond });

  // The list shows it executed.
  await page.goto(chain.state.appUrl + '/#/proposals');
  await expect(page.getByTestId(`proposal-row-${id}`)).toContainText('Executed', { timeout: 20_000 });
  await expect(page.getByTestId(`proposal-row-${id}`)).toContainText("Change governance's parameters");
  await shot(page, info, 'proposals');
  await axe(page, 'proposals page');

  // Alice's activity on her member page: what names her, and her proposal's execution, which
  // names nobody but follows her proposal by its id.
  const alice = chain.address('Alice');
  await page.goto(`${chain.state.appUrl}/#/member/${alice}`);
  const activity = page.getByTestId('account-activity');
  await expect(activity.locator('li').filter({ hasText: `Proposal #${id} made by ${alice}` })).toHaveCount(1, { timeout: 30_000 });
  await expect(activity.locator('li').filter({ hasText: `Proposal #${id}: ${alice} voted for` })).toHaveCount(1);
  await expect(activity.locator('li').filter({ hasText: `Proposal #${id} executed` })).toHaveCount(1);
  await expect(activity.locator('li').filter({ hasText: `${chain.address('Bob')} voted for` })).toHaveCount(0); // Bob's vote is his
  await shot(page, info, 'account-activity');
  await axe(page, 'member page with its activity');
});

/// <reference types="node" />
// The journeys against a live node with the suite deployed and seeded by the global setup
// (Bob's $BOB with an open offering #1; Dave holds 2% and has a payout to claim; Alice holds
// none). Every page visited gets a screenshot and an axe check; every chain effect is checked
// through the test process's own dedot client, not only on the page.

import { formatAmount } from '../src/lib/amount';
import { axe, connectAs, expect, recordMetric, shot, test } from './fixtures';

const UNIT = 10n ** 12n;
const SUPPLY = 1_000_000n * 10n ** 6n;
/** Amounts as the app writes them: money to 4 decimals, payouts and $BOB to the last digit. */
const money = (v: bigint) => formatAmount(v, { decimals: 12, symbol: 'UNIT', maxFractionDigits: 4 });
const exact = (v: bigint) => formatAmount(v, { decimals: 12, symbol: 'UNIT' });
const bob = (v: bigint) => formatAmount(v, { decimals: 6, symbol: 'BOB' });

test('the token page shows its figures (opening time measured)', async ({ page, chain, pageErrors }, info) => {
  void pageErrors;
  const token = await chain.bobToken();
  const started = Date.now();
  await page.goto(`${chain.state.appUrl}/#/token/${token.address}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Bob Token ($BOB)' })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole('heading', { name: 'Offering #1' })).toBeVisible();
  const ms = Date.now() - started;
  recordMetric(info, 'open app to token page figures (ms)', ms, 'ms');
  await expect(page.locator('dd').filter({ hasText: '1,000,000 BOB' }).first()).toBeVisible();
  await shot(page, info, 'token-page');
  await axe(page, 'token page');
});

test('journey 1: Alice buys 1% of $BOB in the open offering', async ({ page, chain, wallet, pageErrors }, info) => {
  void pageErrors;
  await wallet.install(page, ['Alice', 'Dave']);
  await connectAs(page, 'Alice', chain);
  await expect(page.getByRole('heading', { level: 1, name: 'Members' })).toBeVisible();
  await expect(page.getByRole('link', { name: '$BOB' })).toBeVisible({ timeout: 30_000 });
  await shot(page, info, 'members');
  await axe(page, 'members');

  await page.getByRole('link', { name: '$BOB' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Bob Token ($BOB)' })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('my-balance')).toHaveText('0 BOB');
  const token = await chain.bobToken();
  const alice = chain.address('Alice');
  const before = (await token.query.subscription(1n, alice)).data;
  expect(before.amount).toBe(0n);

  await expect(page.getByText('100,000 BOB at 10 UNIT per $BOB; minimum raise 100,000 UNIT.')).toBeVisible();
  await page.getByRole('button', { name: 'Subscribe to offering #1' }).click();
  await page.getByLabel('Amount of $BOB').fill('10000');
  await expect(page.getByTestId('subscription-cost')).toHaveText('Cost: 100,000 UNIT for 1% of the supply.');
  const review = page.getByRole('button', { name: 'Review' });
  await expect(review).toBeDisabled(); // no consent yet
  await page.getByLabel(/I have read and accept the token's terms/).check();
  await shot(page, info, 'subscribe-form');
  await axe(page, 'subscribe form');
  await review.click();

  const dialog = page.getByRole('dialog', { name: 'Subscribe to offering #1' });
  await expect(dialog.getByText('Network fee (estimate)')).toBeVisible({ timeout: 20_000 });
  await expect(dialog).toContainText('Buy 10,000 BOB (1% of the supply) for 100,000 UNIT');
  await expect(dialog).toContainText('0x7e7e7e7e'); // the terms hash consented to
  await expect(dialog.locator('dd').nth(1)).toHaveText(/UNIT$/); // the fee, in the chain's unit
  await shot(page, info, 'confirm-dialog');
  await axe(page, 'confirm dialog');

  const submitted = Date.now();
  await dialog.getByRole('button', { name: 'Sign and submit' }).click();
  await expect(dialog.getByText(/Included in block #\d+|Done: finalized/)).toBeVisible({ timeout: 30_000 });
  const inBlock = Date.now() - submitted;
  await expect(dialog.getByText(/Done: finalized in block #\d+/)).toBeVisible({ timeout: 30_000 });
  const finalized = Date.now() - submitted;
  recordMetric(info, 'subscription confirm to in block (ms)', inBlock, 'ms');
  recordMetric(info, 'subscription confirm to finalized (ms)', finalized, 'ms');
  expect(wallet.requests.filter((r) => r.kind === 'payload')).toHaveLength(1);
  await shot(page, info, 'subscribed');
  await dialog.getByRole('button', { name: 'Close' }).click();

  // The page updated...
  await expect(page.getByTestId('my-subscription-1')).toHaveText('Your subscription: 10,000 BOB for 100,000 UNIT, in escrow until the offering settles.');
  await expect(page.getByText('10% sold to 1 subscriber.', { exact: false })).toBeVisible(); // 10,000 of the 100,000 offered
  // ...and so did the chain, seen by another client.
  const after = (await token.query.subscription(1n, alice)).data;
  expect(after.amount).toBe(SUPPLY / 100n);
  expect(after.paid).toBe(100_000n * UNIT);
  expect(after.delivered).toBe(false);
  expect((await token.query.psp22BalanceOf(alice)).data).toBe(0n); // delivered at settlement
  const offering = (await token.query.offering(1n)).data;
  expect(offering?.sold).toBe(SUPPLY / 100n);
  await shot(page, info, 'token-page-after');
  await axe(page, 'token page after subscribing');
});

test('journey 2: a plain transfer by a holder is refused in words and nothing is sent', async ({ page, chain, wallet, pageErrors }, info) => {
  void pageErrors;
  await wallet.install(page, ['Alice', 'Dave']);
  const token = await chain.bobToken();
  const dave = chain.address('Dave');
  await connectAs(page, 'Dave', chain, `/#/token/${token.address}`);
  await expect(page.getByTestId('my-balance')).toHaveText(bob((await token.query.psp22BalanceOf(dave)).data), { timeout: 30_000 });
  const charlie = chain.address('Charlie');
  const charlieBefore = (await token.query.psp22BalanceOf(charlie)).data;
  const balanceBefore = (await token.query.psp22BalanceOf(dave)).data;
  const nonceBefore = (await chain.account('Dave')).nonce;
  const expected = (await token.query.transferRestrictionMessageForTransferRestriction(5)).data;
  expect((await token.query.transferRestrictionDetectTransferRestriction(dave, charlie, 100n * 10n ** 6n)).data).toBe(5);

  await page.getByRole('button', { name: 'Transfer $BOB' }).click();
  await page.getByLabel('Recipient address').fill(charlie);
  await page.getByLabel('Amount of $BOB').fill('100');
  await page.getByRole('button', { name: 'Check and review' }).click();
  const refusal = page.getByTestId('transfer-refusal');
  await expect(refusal).toContainText(`This transfer is not allowed (restriction code 5): ${expected}`);
  await expect(refusal).toContainText('Nothing was sent.');
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await shot(page, info, 'transfer-refused');
  await axe(page, 'transfer refused');

  expect(wallet.requests).toHaveLength(0);
  expect((await chain.account('Dave')).nonce).toBe(nonceBefore);
  expect((await token.query.psp22BalanceOf(dave)).data).toBe(balanceBefore);
  expect((await token.query.psp22BalanceOf(charlie)).data).toBe(charlieBefore);
});

test('journey 4: Dave claims exactly his payout; his balance rises by it minus the fee', async ({ page, chain, wallet, pageErrors }, info) => {
  void pageErrors;
  await wallet.install(page, ['Alice', 'Dave']);
  const splitter = await chain.bobSplitter();
  const dave = chain.address('Dave');
  const claimable = (await splitter.query.claimable(dave)).data;
  if (!claimable.isOk) throw new Error(`claimable refused: ${JSON.stringify(claimable.err)}`);
  const owed = claimable.value;
  // At least 2% of the seed's 10,000,000 UNIT sale (the console's journeys may report more).
  expect(owed >= 200_000n * UNIT).toBe(true);
  const token = await chain.bobToken();
  const balance = (await token.query.psp22BalanceOf(dave)).data;
  const trade = (await token.query.lastTrade()).data;
  if (!trade) throw new Error('the seed leaves a last trade');

  await connectAs(page, 'Dave', chain, '/#/portfolio');
  const row = page.getByTestId('holding-$BOB');
  await expect(row).toContainText(bob(balance), { timeout: 30_000 });
  // Columns: token, balance, value at the last trade (balance × price / amount of that trade), claimable.
  await expect(row.getByRole('cell').nth(2)).toHaveText(money((balance * trade.price) / trade.amount));
  await expect(row.getByRole('cell').nth(3)).toHaveText(exact(owed));
  await shot(page, info, 'portfolio');
  await axe(page, 'portfolio');

  const freeBefore = (await chain.account('Dave')).data.free;
  await row.getByRole('button', { name: 'Claim $BOB payout' }).click();
  const dialog = page.getByRole('dialog', { name: 'Claim your $BOB payout' });
  await expect(dialog).toContainText(`Receive ${exact(owed)} from the $BOB payout splitter.`, { timeout: 20_000 });
  await expect(dialog.getByText('Network fee (estimate)')).toBeVisible();
  await shot(page, info, 'claim-dialog');
  await axe(page, 'claim dialog');
  await dialog.getByRole('button', { name: 'Sign and submit' }).click();
  const done = dialog.getByText(/Done: finalized in block #\d+/);
  await expect(done).toBeVisible({ timeout: 30_000 });
  const block = Number((await done.textContent())?.match(/#(\d+)/)?.[1]);
  await shot(page, info, 'claimed');
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(page.getByTestId('holding-$BOB').getByRole('cell').nth(3)).toHaveText('0 UNIT');

  const fee = await chain.feePaid('Dave', block);
  expect(fee).toBeGreaterThan(0n);
  const freeAfter = (await chain.account('Dave')).data.free;
  recordMetric(info, 'claim fee (planck)', Number(fee), 'planck');
  expect(freeAfter - freeBefore).toBe(owed - fee);
  const left = (await splitter.query.claimable(dave)).data;
  expect(left.isOk && left.value).toBe(0n);

  // The portfolio leads to Dave's activity, where the claim is, worded with the token it is about.
  await page.getByRole('link', { name: 'your activity' }).click();
  const claimed = page.getByTestId('account-activity').locator('li').filter({ hasText: `$BOB payouts: ${dave} claimed ${money(owed)}` });
  await expect(claimed).toHaveCount(1, { timeout: 30_000 });
  await expect(claimed).toHaveAttribute('data-block', String(block));
});

test('journey 3: Dave sells to Charlie: request, Charlie pays into escrow, Bob approves, and they cross', async ({ page, chain, wallet, pageErrors }, info) => {
  void pageErrors;
  await wallet.install(page, ['Bob', 'Charlie', 'Dave']);
  const token = await chain.bobToken();
  const dave = chain.address('Dave');
  const charlie = chain.address('Charlie');
  const amount = 1_000n * 10n ** 6n;
  const price = 12_000n * UNIT;
  const daveTokens = (await token.query.psp22BalanceOf(dave)).data;
  const charlieTokens = (await token.query.psp22BalanceOf(charlie)).data;

  // Dave asks to sell 1,000 $BOB to Charlie for 12,000 UNIT.
  await connectAs(page, 'Dave', chain, `/#/token/${token.address}`);
  await expect(page.getByTestId('my-balance')).toHaveText(/BOB$/, { timeout: 30_000 });
  await page.getByRole('button', { name: 'Sell $BOB to a member' }).click();
  await page.getByLabel('Buyer address').fill(charlie);
  await page.getByLabel('Amount of $BOB to sell').fill('1000');
  await page.getByLabel('Price in UNIT').fill('12000');
  await page.getByRole('button', { name: 'Review' }).click();
  let dialog = page.getByRole('dialog', { name: 'Sell $BOB to a member' });
  await expect(dialog.getByText('Network fee (estimate)')).toBeVisible({ timeout: 20_000 });
  await shot(page, info, 'sell-dialog');
  await axe(page, 'sell dialog');
  await dialog.getByRole('button', { name: 'Sign and submit' }).click();
  await expect(dialog.getByText(/Done: finalized/)).toBeVisible({ timeout: 30_000 });
  await dialog.getByRole('button', { name: 'Close' }).click();
  const count = (await token.query.requestCount()).data;
  const id = count - 1n;
  const request = (await token.query.request(id)).data;
  expect(request?.status).toBe('Pending');
  expect(request?.amount).toBe(amount);
  expect(request?.price).toBe(price);
  expect((await token.query.lockedOf(dave)).data).toBe(amount);
  await expect(page.getByTestId(`request-${id}`)).toContainText('Status: Pending, not paid yet.');

  // Charlie pays into escrow.
  await page.getByTestId('account-picker').selectOption(charlie);
  const pay = page.getByRole('button', { name: `Pay 12,000 UNIT into escrow for request #${id}` });
  await expect(pay).toBeVisible({ timeout: 20_000 });
  await pay.click();
  dialog = page.getByRole('dialog', { name: `Pay for request #${id}` });
  await expect(dialog.getByText('Network fee (estimate)')).toBeVisible({ timeout: 20_000 });
  await dialog.getByRole('button', { name: 'Sign and submit' }).click();
  await expect(dialog.getByText(/Done: finalized/)).toBeVisible({ timeout: 30_000 });
  await dialog.getByRole('button', { name: 'Close' }).click();
  expect((await token.query.request(id)).data?.funded).toBe(true);
  await expect(page.getByTestId(`request-${id}`)).toContainText('Status: Pending, paid into escrow.');

  // Bob approves: tokens and payment cross atomically.
  await page.getByTestId('account-picker').selectOption(chain.address('Bob'));
  const approve = page.getByRole('button', { name: `Approve request #${id}` });
  await expect(approve).toBeVisible({ timeout: 20_000 });
  const daveFree = (await chain.account('Dave')).data.free;
  await approve.click();
  dialog = page.getByRole('dialog', { name: `Approve request #${id}` });
  await expect(dialog).toContainText('the tokens and the payment cross at once', { timeout: 20_000 });
  await expect(dialog.getByText('Network fee (estimate)')).toBeVisible();
  await shot(page, info, 'approve-dialog');
  await axe(page, 'approve dialog');
  await dialog.getByRole('button', { name: 'Sign and submit' }).click();
  await expect(dialog.getByText(/Done: finalized/)).toBeVisible({ timeout: 30_000 });
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(page.getByTestId(`request-${id}`)).toContainText('Status: Executed.');
  await shot(page, info, 'request-executed');

  expect((await token.query.request(id)).data?.status).toBe('Executed');
  expect((await token.query.psp22BalanceOf(dave)).data).toBe(daveTokens - amount);
  expect((await token.query.psp22BalanceOf(charlie)).data).toBe(charlieTokens + amount);
  expect((await chain.account('Dave')).data.free - daveFree).toBe(price); // Bob paid the fee
  expect((await token.query.lastTrade()).data?.price).toBe(price);
});

test('the token page follows the chain: another account\'s transfer shows without a reload', async ({ page, chain, wallet, pageErrors }, info) => {
  void pageErrors;
  await wallet.install(page, ['Alice']);
  const token = await chain.bobToken();
  await connectAs(page, 'Alice', chain, `/#/token/${token.address}`);
  const outstanding = page.getByTestId('outstanding');
  const before = (await token.query.outstanding()).data;
  await expect(outstanding).toHaveText(formatAmount(before, { decimals: 6, symbol: 'BOB' }), { timeout: 30_000 });
  // A marker that a reload would lose.
  await page.evaluate(() => ((window as unknown as { stillHere: boolean }).stillHere = true));

  // Dave gives one $BOB back to the issuer (always allowed), signed in the test process.
  const one = 10n ** 6n;
  const dry = await token.query.psp22Transfer(chain.address('Bob'), one, '0x', { caller: chain.address('Dave') });
  expect(dry.data.isOk).toBe(true);
  await token.tx
    .psp22Transfer(chain.address('Bob'), one, '0x', { gasLimit: dry.raw.gasRequired })
    .signAndSend(chain.pair('Dave'))
    .untilBestChainBlockIncluded();
  expect((await token.query.outstanding()).data).toBe(before - one);

  await expect(outstanding).toHaveText(formatAmount(before - one, { decimals: 6, symbol: 'BOB' }), { timeout: 15_000 });
  expect(await page.evaluate(() => (window as unknown as { stillHere?: boolean }).stillHere)).toBe(true);
  await shot(page, info, 'token-page-followed');
});

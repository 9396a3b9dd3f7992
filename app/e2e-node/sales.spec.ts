/// <reference types="node" />
// The portfolio's sale requests on a live node: Dave's request to sell $BOB to Charlie (made in
// the test process, signed with Dave's key) appears in Charlie's portfolio as buyer and in Dave's
// as seller; Charlie pays into escrow and takes the payment back, then Dave cancels, each through
// the confirm step. Every effect is checked on the chain.

import { formatAmount } from '../src/lib/amount';
import { axe, connectAs, expect, shot, test } from './fixtures';

const UNIT = 10n ** 12n;
const money = (v: bigint) => formatAmount(v, { decimals: 12, symbol: 'UNIT', maxFractionDigits: 4 });

test('journey 6: sale requests in the portfolio: the buyer pays and withdraws, the seller cancels', async ({ page, chain, wallet, pageErrors }, info) => {
  void pageErrors;
  const token = await chain.bobToken();
  const dave = chain.address('Dave');
  const charlie = chain.address('Charlie');
  const amount = 500n * 10n ** 6n;
  const price = 5_000n * UNIT;
  const lockedBefore = (await token.query.lockedOf(dave)).data;

  const dry = await token.query.requestTransfer(charlie, amount, price, { caller: dave });
  if (!dry.data.isOk) throw new Error(`request_transfer refused: ${JSON.stringify(dry.data.err)}`);
  const sent = await token.tx.requestTransfer(charlie, amount, price, { gasLimit: dry.raw.gasRequired }).signAndSend(chain.pair('Dave')).untilBestChainBlockIncluded();
  expect(sent.dispatchError).toBeUndefined();
  const id = (await token.query.requestCount()).data - 1n;
  expect((await token.query.request(id)).data?.seller.address(42)).toBe(dave);
  expect((await token.query.lockedOf(dave)).data).toBe(lockedBefore + amount);

  await wallet.install(page, ['Charlie', 'Dave']);
  await connectAs(page, 'Charlie', chain, '/#/portfolio');
  const row = page.getByTestId(`sale-$BOB-${id}`);
  await expect(row).toContainText(`buyer (from ${dave})`, { timeout: 30_000 });
  await expect(row).toContainText('500 BOB');
  await expect(row).toContainText('Pending, not paid yet; the issuer decides by');
  await shot(page, info, 'portfolio-buyer');
  await axe(page, 'portfolio with sale requests');

  // Charlie pays exactly the price into escrow.
  await row.getByRole('button', { name: `Pay ${money(price)} ($BOB #${id})` }).click();
  let dialog = page.getByRole('dialog', { name: `Pay for $BOB request #${id}` });
  await expect(dialog.getByText('Network fee (estimate)')).toBeVisible({ timeout: 20_000 });
  await expect(dialog).toContainText(`Pay ${money(price)} into escrow for 500 BOB`);
  await dialog.getByRole('button', { name: 'Sign and submit' }).click();
  await expect(dialog.getByText(/Done: finalized in block #\d+/)).toBeVisible({ timeout: 30_000 });
  await dialog.getByRole('button', { name: 'Close' }).click();
  expect((await token.query.request(id)).data?.funded).toBe(true);
  await expect(row).toContainText('Pending, paid into escrow', { timeout: 20_000 });

  // ...and takes it back.
  const freeBefore = (await chain.account('Charlie')).data.free;
  await row.getByRole('button', { name: `Withdraw my payment ($BOB #${id})` }).click();
  dialog = page.getByRole('dialog', { name: `Withdraw your payment for $BOB request #${id}` });
  await expect(dialog.getByText('Network fee (estimate)')).toBeVisible({ timeout: 20_000 });
  await dialog.getByRole('button', { name: 'Sign and submit' }).click();
  await expect(dialog.getByText(/Done: finalized in block #\d+/)).toBeVisible({ timeout: 30_000 });
  await dialog.getByRole('button', { name: 'Close' }).click();
  expect((await token.query.request(id)).data?.funded).toBe(false);
  const back = (await chain.account('Charlie')).data.free - freeBefore;
  // The price, plus the storage deposit of the escrow record refunded, minus the fee: both far below 1 UNIT.
  expect(back).toBeGreaterThan(price - UNIT);
  expect(back).toBeLessThan(price + UNIT);
  await expect(row).toContainText('Pending, not paid yet', { timeout: 20_000 });

  // Dave, the seller, cancels: his tokens are unlocked.
  await page.getByTestId('account-picker').selectOption(dave);
  await expect(row).toContainText(`seller (to ${charlie})`, { timeout: 30_000 });
  await row.getByRole('button', { name: `Cancel ($BOB #${id})` }).click();
  dialog = page.getByRole('dialog', { name: `Cancel $BOB request #${id}` });
  await expect(dialog.getByText('Network fee (estimate)')).toBeVisible({ timeout: 20_000 });
  await shot(page, info, 'cancel-dialog');
  await dialog.getByRole('button', { name: 'Sign and submit' }).click();
  await expect(dialog.getByText(/Done: finalized in block #\d+/)).toBeVisible({ timeout: 30_000 });
  await dialog.getByRole('button', { name: 'Close' }).click();
  expect((await token.query.request(id)).data?.status).toBe('Cancelled');
  expect((await token.query.lockedOf(dave)).data).toBe(lockedBefore);
  await expect(row).toContainText('Cancelled.', { timeout: 20_000 });
  await expect(row.getByRole('button')).toHaveCount(0);
});

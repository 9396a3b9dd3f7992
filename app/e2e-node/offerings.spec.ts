/// <reference types="node" />
// Settling and refunding offerings from the token page (journey 4's end): Bob opens two
// offerings through the test client, one that Charlie buys out (closed at once: it settles and
// delivers) and one with a deadline a minute away that Alice buys below its minimum (it fails,
// and her payment comes back, less the fee, with her position's storage deposit). The node's clock is real time: the
// test waits for the deadline, then seals a block so that the chain's time passes it too.

import { axe, connectAs, expect, send, shot, test, type KeyName } from './fixtures';

const UNIT = 10n ** 12n;
const BOB_UNIT = 10n ** 6n; // $BOB has 6 decimals
const PRICE = 10_000_000n; // planck per $BOB unit: 10 UNIT per $BOB, as in the seed

test('journey 4 (end): a sold-out offering is settled on the page; one that missed its minimum refunds', async ({ page, chain, wallet, pageErrors }, info) => {
  test.setTimeout(180_000);
  void pageErrors;
  const token = await chain.bobToken();
  const bob = chain.address('Bob');
  const alice = chain.address('Alice');
  const charlie = chain.address('Charlie');
  const terms = (await token.query.termsHash()).data;

  // Bob opens #A (500 $BOB, all of it must sell, a minute to go) and #B (200 $BOB, a day).
  const first = (await token.query.offeringCount()).data;
  const idA = first;
  const idB = first + 1n;
  const amountA = 500n * BOB_UNIT;
  const amountB = 200n * BOB_UNIT;
  const deadlineA = BigInt(Date.now() + 60_000);
  const open = async (amount: bigint, minTotal: bigint, deadline: bigint) =>
    send(chain, 'Bob', 'open_offering', await token.query.openOffering(amount, PRICE, minTotal, deadline, [], { caller: bob }), (gas) =>
      token.tx.openOffering(amount, PRICE, minTotal, deadline, [], { gasLimit: gas }),
    );
  await open(amountA, amountA * PRICE, deadlineA);
  await open(amountB, (amountB * PRICE) / 2n, BigInt(Date.now() + 86_400_000));
  expect((await token.query.offeringCount()).data).toBe(first + 2n);

  // Charlie buys all of #B (it closes at once); Alice buys 100 $BOB of #A.
  const subscribe = async (who: KeyName, id: bigint, amount: bigint) =>
    send(chain, who, 'subscribe', await token.query.subscribe(id, amount, terms, { caller: chain.address(who), value: amount * PRICE }), (gas) =>
      token.tx.subscribe(id, amount, terms, { gasLimit: gas, value: amount * PRICE }),
    );
  await subscribe('Charlie', idB, amountB);
  const aliceAmount = 100n * BOB_UNIT;
  await subscribe('Alice', idA, aliceAmount);

  // Charlie settles #B on the page: the tokens reach him, his payment reaches Bob.
  await wallet.install(page, ['Alice', 'Charlie']);
  await connectAs(page, 'Charlie', chain, `/#/token/${token.address}`);
  const offeringB = page.getByTestId(`offering-${idB}`);
  await expect(offeringB.getByTestId(`offering-${idB}-state`)).toHaveText('Sold out: waiting for settlement.', { timeout: 30_000 });
  const charlieBefore = (await token.query.psp22BalanceOf(charlie)).data;
  const bobFreeBefore = (await chain.account('Bob')).data.free;
  await offeringB.getByRole('button', { name: `Settle offering #${idB}` }).click();
  let dialog = page.getByRole('dialog', { name: `Settle offering #${idB}` });
  await expect(dialog).toContainText('the tokens go to its subscribers who are still active members', { timeout: 20_000 });
  await expect(dialog.getByText('Network fee (estimate)')).toBeVisible();
  await shot(page, info, 'settle-dialog');
  await axe(page, 'settle dialog');
  await dialog.getByRole('button', { name: 'Sign and submit' }).click();
  await expect(dialog.getByText(/Done: finalized in block #\d+/)).toBeVisible({ timeout: 30_000 });
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(offeringB.getByTestId(`my-subscription-${idB}`)).toHaveText('You bought 200 BOB: delivered, and your payment went to the issuer.');
  await expect(offeringB.getByTestId(`offering-${idB}-state`)).toHaveText('Settled: the tokens were delivered and the issuer was paid.');
  expect((await token.query.offering(idB)).data?.status).toBe('Settled');
  expect((await token.query.psp22BalanceOf(charlie)).data).toBe(charlieBefore + amountB);
  expect((await chain.account('Bob')).data.free - bobFreeBefore).toBe(amountB * PRICE); // Charlie paid the fee
  await shot(page, info, 'offering-settled');

  // #A's deadline passes with 100 of 500 $BOB sold: Alice takes her payment back.
  await page.getByTestId('account-picker').selectOption(alice);
  const offeringA = page.getByTestId(`offering-${idA}`);
  await expect(offeringA.getByTestId(`my-subscription-${idA}`)).toHaveText('Your subscription: 100 BOB for 1,000 UNIT, in escrow until the offering settles.', { timeout: 20_000 });
  await page.waitForTimeout(Math.max(0, Number(deadlineA) - Date.now() + 1_500));
  await chain.fund('Eve', 1n * UNIT); // seals a block: the chain's time passes the deadline
  await expect(offeringA.getByTestId(`offering-${idA}-state`)).toHaveText('Deadline passed without the minimum: it will fail and refund.', { timeout: 20_000 });
  const freeBefore = (await chain.account('Alice')).data.free;
  const aliceTokens = (await token.query.psp22BalanceOf(alice)).data;
  await offeringA.getByRole('button', { name: `Refund my subscription to offering #${idA}` }).click();
  dialog = page.getByRole('dialog', { name: `Refund from offering #${idA}` });
  await expect(dialog).toContainText('Take back your payment of 1,000 UNIT for 100 BOB', { timeout: 20_000 });
  await expect(dialog.getByText('Network fee (estimate)')).toBeVisible();
  await shot(page, info, 'refund-dialog');
  await axe(page, 'refund dialog');
  await dialog.getByRole('button', { name: 'Sign and submit' }).click();
  const done = dialog.getByText(/Done: finalized in block #\d+/);
  await expect(done).toBeVisible({ timeout: 30_000 });
  const block = Number((await done.textContent())?.match(/#(\d+)/)?.[1]);
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(offeringA.getByTestId(`my-subscription-${idA}`)).toHaveText('Your subscription of 100 BOB was refunded.');
  await expect(offeringA.getByTestId(`offering-${idA}-state`)).toHaveText('Failed: the minimum was not raised; subscribers can take a refund.');
  await shot(page, info, 'offering-refunded');
  await axe(page, 'token page after a refund');

  // The refund failed the offering (no settlement needed) and paid back exactly what she paid.
  expect((await token.query.offering(idA)).data?.status).toBe('Failed');
  const sub = (await token.query.subscription(idA, alice)).data;
  expect(sub.paid).toBe(0n);
  expect(sub.delivered).toBe(false);
  const fee = await chain.feePaid('Alice', block);
  expect(fee).toBeGreaterThan(0n);
  // Her position's storage is freed too: pallet-contracts returns its deposit to her.
  const deposit = await chain.storageDeposits('Alice', block);
  expect(deposit.released).toBeGreaterThan(0n);
  expect((await chain.account('Alice')).data.free - freeBefore).toBe(aliceAmount * PRICE - fee + deposit.released - deposit.held);
  expect((await token.query.psp22BalanceOf(alice)).data).toBe(aliceTokens);
});

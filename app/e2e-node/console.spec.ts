/// <reference types="node" />
// The issuer console on a live node (issue 15's journeys 1 to 3): Bob discloses an asset and
// reports its sale, the holders' share shown before signing being what the splitter receives;
// Bob's inbox approves one request, rejects one (the buyer's escrow comes back) and pre-empts
// one by first refusal; Carol, vouched in by Alice and Bob, launches $CAROL from the console,
// opens an offering that Dave buys out, and settles it. Every effect is checked through the
// test process's own client.
//
// This file runs first (files run in name order, one worker): a liquidation report is refused
// while an open offering has subscriptions, and journey 1 subscribes to $BOB's offering #1.

import { documentHash } from '../src/lib/hash';
import { holdersShare } from '../src/lib/console';
import { formatAmount } from '../src/lib/amount';
import { axe, connectAs, expect, send, shot, signDialog, test, type Chain } from './fixtures';

const UNIT = 10n ** 12n;
const BOB_UNIT = 10n ** 6n;
const exact = (v: bigint) => formatAmount(v, { decimals: 12, symbol: 'UNIT' });
const money = (v: bigint) => formatAmount(v, { decimals: 12, symbol: 'UNIT', maxFractionDigits: 4 });

async function openRequest(chain: Chain, amount: bigint, price: bigint) {
  const token = await chain.bobToken();
  const dave = chain.address('Dave');
  const charlie = chain.address('Charlie');
  await send(chain, 'Dave', 'request_transfer', await token.query.requestTransfer(charlie, amount, price, { caller: dave }), (gas) =>
    token.tx.requestTransfer(charlie, amount, price, { gasLimit: gas }),
  );
  const id = (await token.query.requestCount()).data - 1n;
  await send(chain, 'Charlie', 'fund_request', await token.query.fundRequest(id, { caller: charlie, value: price }), (gas) =>
    token.tx.fundRequest(id, { gasLimit: gas, value: price }),
  );
  return id;
}

test('console 3: Bob discloses an asset and reports its sale; the share shown is what the splitter receives', async ({ page, chain, wallet, pageErrors }, info) => {
  void pageErrors;
  const token = await chain.bobToken();
  const splitter = await chain.bobSplitter();
  const offering1 = (await token.query.offering(1n)).data;
  expect(offering1?.subscriberCount ?? 0, 'this journey runs before any subscription to $BOB offering #1').toBe(0);

  await wallet.install(page, ['Bob']);
  await connectAs(page, 'Bob', chain, '/#/console');
  await expect(page.getByRole('heading', { level: 1, name: 'Issuer console' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Assets and their sales' })).toBeVisible({ timeout: 30_000 });
  const assetsBefore = (await token.query.assetCount()).data;

  // Disclose: the document is hashed in the page; the test hashes it independently.
  const doc = Buffer.from('Deed: 40% of Bob Bakery Ltd, registered 2026-11-30.');
  await page.getByLabel('Kind').selectOption('CompanyStake');
  await page.getByLabel('Asset document').setInputFiles({ name: 'bakery-deed.txt', mimeType: 'text/plain', buffer: doc });
  await expect(page.getByTestId('asset-document-hash')).toContainText(documentHash(new Uint8Array(doc)));
  await page.getByLabel('Estimated value in UNIT').fill('2500000');
  await page.getByRole('button', { name: 'Review the disclosure' }).click();
  await signDialog(page, 'Disclose an asset', 'estimated at 2,500,000 UNIT');
  const assetId = assetsBefore;
  const asset = (await token.query.asset(assetId)).data;
  expect(asset?.kind).toBe('CompanyStake');
  expect(asset?.uriHash).toBe(documentHash(new Uint8Array(doc)));
  expect(asset?.estimatedValue).toBe(2_500_000n * UNIT);

  // Report its sale for an amount whose share does not divide evenly.
  const gross = 1_234_567n * UNIT + 1n;
  const supply = (await token.query.psp22TotalSupply()).data;
  const outstanding = (await token.query.outstanding()).data;
  const share = holdersShare(gross, outstanding, supply);
  const contractShare = (await token.query.holdersShare(gross)).data;
  expect(contractShare.isOk && contractShare.value).toBe(share);
  const item = page.getByTestId(`asset-${assetId}`);
  await expect(item).toBeVisible({ timeout: 20_000 });
  await item.getByLabel('Sold for (UNIT, gross proceeds)').fill('1234567.000000000001');
  await expect(item.getByTestId(`liquidation-preview-${assetId}`)).toContainText(`their share is ${exact(share)} (rounded up)`);
  await expect(item.getByTestId(`liquidation-preview-${assetId}`)).toContainText(`you keep ${exact(gross - share)}`);
  await shot(page, info, 'console-liquidation-preview');
  await item.screenshot({ path: info.outputPath('asset-sale-preview.png') });
  await axe(page, 'issuer console');
  const splitterBefore = (await chain.client.query.system.account(splitter.address)).data.free;
  await item.getByRole('button', { name: `Review the sale of asset #${assetId}` }).click();
  await signDialog(page, `Report a sale of asset #${assetId}`, `pay the holders' share, ${exact(share)}, into the payout splitter`);
  const splitterAfter = (await chain.client.query.system.account(splitter.address)).data.free;
  expect(splitterAfter - splitterBefore).toBe(share);
  const after = (await token.query.asset(assetId)).data;
  expect(after?.paidToHolders).toBe(share);
  expect(after?.grossLiquidated).toBe(gross);
  await expect(item).toContainText(`of which ${money(share)} went to holders`);
  // The console's payout totals, from the splitter's events: the seed's 200,000 UNIT and this share, none claimed yet.
  await expect(page.getByTestId('distribution-totals')).toHaveText(
    `Distributed to your holders in all: ${exact(200_000n * UNIT + share)}; claimed by them: 0 UNIT; unclaimed: ${exact(200_000n * UNIT + share)}.`,
    { timeout: 30_000 },
  );
});

test("console 2: Bob's inbox approves a request, rejects one (the escrow comes back) and buys one first", async ({ page, chain, wallet, pageErrors }, info) => {
  void pageErrors;
  const token = await chain.bobToken();
  const dave = chain.address('Dave');
  const charlie = chain.address('Charlie');
  const bob = chain.address('Bob');
  const amount = 100n * BOB_UNIT;
  const price = 1_500n * UNIT;
  const approveId = await openRequest(chain, amount, price);
  const rejectId = await openRequest(chain, amount, price);
  const preemptId = await openRequest(chain, amount, price);

  await wallet.install(page, ['Bob']);
  await connectAs(page, 'Bob', chain, '/#/console');
  const inbox = (id: bigint) => page.getByTestId(`inbox-${id}`);
  await expect(inbox(preemptId)).toContainText('Paid into escrow', { timeout: 30_000 });
  // Implied valuation of the whole supply at this price: 1,500 UNIT for 100 of 1,000,000 $BOB.
  await expect(inbox(preemptId)).toContainText(money((price * (await token.query.psp22TotalSupply()).data) / amount));
  await expect(inbox(preemptId)).toContainText('If you do nothing by');
  await shot(page, info, 'console-inbox');
  await inbox(preemptId).screenshot({ path: info.outputPath('inbox-request.png') });
  await axe(page, 'inbox');

  // Approve: tokens and payment cross.
  let charlieTokens = (await token.query.psp22BalanceOf(charlie)).data;
  await inbox(approveId).getByRole('button', { name: `Approve request #${approveId}` }).click();
  await signDialog(page, `Approve request #${approveId}`, 'the tokens and the payment cross at once');
  expect((await token.query.request(approveId)).data?.status).toBe('Executed');
  expect((await token.query.psp22BalanceOf(charlie)).data).toBe(charlieTokens + amount);

  // Reject with a reason: Charlie's escrowed payment comes back to him (Bob pays the fee).
  const charlieFree = (await chain.account('Charlie')).data.free;
  await inbox(rejectId).getByRole('button', { name: `Reject request #${rejectId}` }).click();
  await inbox(rejectId).getByLabel(/Reason/).fill('Charlie is not a buyer I know yet.');
  await inbox(rejectId).getByRole('button', { name: 'Review the rejection' }).click();
  await signDialog(page, `Reject request #${rejectId}`, "the buyer's 1,500 UNIT is refunded from escrow");
  expect((await token.query.request(rejectId)).data?.status).toBe('Rejected');
  expect((await chain.account('Charlie')).data.free - charlieFree).toBe(price);
  await expect(inbox(rejectId)).toHaveCount(0); // closed: out of the inbox

  // First refusal: Bob pays Dave the price, Charlie's escrow comes back, the tokens go to Bob.
  const daveFree = (await chain.account('Dave')).data.free;
  const charlieFree2 = (await chain.account('Charlie')).data.free;
  const bobTokens = (await token.query.psp22BalanceOf(bob)).data;
  const daveTokens = (await token.query.psp22BalanceOf(dave)).data;
  charlieTokens = (await token.query.psp22BalanceOf(charlie)).data;
  await inbox(preemptId).getByRole('button', { name: `Buy first for ${money(price)}` }).click();
  await signDialog(page, `Buy first: request #${preemptId}`, `you pay ${money(price)} to ${dave}`);
  expect((await token.query.request(preemptId)).data?.status).toBe('Preempted');
  expect((await chain.account('Dave')).data.free - daveFree).toBe(price);
  expect((await chain.account('Charlie')).data.free - charlieFree2).toBe(price);
  expect((await token.query.psp22BalanceOf(bob)).data).toBe(bobTokens + amount);
  expect((await token.query.psp22BalanceOf(dave)).data).toBe(daveTokens - amount); // his locked part went to Bob
  expect((await token.query.psp22BalanceOf(charlie)).data).toBe(charlieTokens);
  await shot(page, info, 'console-inbox-done');
});

test('console 1: Carol, vouched in by Alice and Bob, launches $CAROL, opens an offering Dave buys out, and settles it', async ({ page, chain, wallet, pageErrors }, info) => {
  test.setTimeout(150_000);
  void pageErrors;
  const registry = chain.registry();
  const carol = chain.address('Carol');
  const params = (await registry.query.params()).data;
  await chain.fund('Carol', params.applicationBond + 10_000n * UNIT);
  const profile = documentHash('Carol, potter in Ghent.');
  await send(chain, 'Carol', 'apply', await registry.query.apply(profile, { caller: carol, value: params.applicationBond }), (gas) =>
    registry.tx.apply(profile, { gasLimit: gas, value: params.applicationBond }),
  );
  for (const voucher of ['Alice', 'Bob'] as const) {
    await send(chain, voucher, 'vouch', await registry.query.vouch(carol, { caller: chain.address(voucher), value: params.vouchBond }), (gas) =>
      registry.tx.vouch(carol, { gasLimit: gas, value: params.vouchBond }),
    );
  }
  expect((await registry.query.memberRegistryIsActive(carol)).data).toBe(true);

  await wallet.install(page, ['Carol', 'Dave']);
  await connectAs(page, 'Carol', chain, '/#/console');
  await expect(page.getByRole('heading', { name: 'Launch your token' })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText('One person, one token')).toBeVisible();
  await page.getByLabel('Token name').fill('Carol Token');
  await page.getByLabel('Symbol').fill('CAROL');
  await page.getByLabel('Supply').fill('500000');
  const terms = Buffer.from('Terms of $CAROL: 1 token = 1/500,000 of everything Carol will own.');
  await page.getByLabel('Terms document').setInputFiles({ name: 'carol-terms.txt', mimeType: 'text/plain', buffer: terms });
  await expect(page.getByTestId('terms-document-hash')).toContainText(documentHash(new Uint8Array(terms)));
  await shot(page, info, 'console-launch');
  await axe(page, 'launch form');
  await page.getByRole('button', { name: 'Review the launch' }).click();
  await signDialog(page, 'Launch $CAROL', 'one token per person, ever');
  const token = await chain.tokenOf('Carol');
  expect((await token.query.psp22TotalSupply()).data).toBe(500_000n * 10n ** 6n);
  expect((await token.query.termsHash()).data).toBe(documentHash(new Uint8Array(terms)));
  expect((await token.query.psp22BalanceOf(carol)).data).toBe(500_000n * 10n ** 6n);

  // The console now shows her token: open an offering of 5,000 $CAROL at 2 UNIT, minimum 5,000 UNIT.
  await expect(page.getByRole('heading', { name: 'Open an offering' })).toBeVisible({ timeout: 30_000 });
  await page.getByLabel('Amount of $CAROL offered').fill('5000');
  await page.getByLabel('Price per $CAROL in UNIT').fill('2');
  await page.getByLabel('Minimum raise in UNIT').fill('5000');
  await page.getByRole('button', { name: 'Review the offering' }).click();
  await signDialog(page, 'Open an offering', 'Offer 5,000 CAROL at 2 UNIT per $CAROL (10,000 UNIT if sold out)');
  const id = (await token.query.offeringCount()).data - 1n;
  const offering = (await token.query.offering(id)).data;
  expect(offering?.amount).toBe(5_000n * 10n ** 6n);
  expect(offering?.pricePerUnit).toBe(2n * UNIT / 10n ** 6n);
  expect(offering?.minTotal).toBe(5_000n * UNIT);

  // Dave buys all of it (through the test client; the offering closes at once).
  const amount = 5_000n * 10n ** 6n;
  const cost = amount * (offering?.pricePerUnit ?? 0n);
  const termsHash = documentHash(new Uint8Array(terms));
  await send(chain, 'Dave', 'subscribe', await token.query.subscribe(id, amount, termsHash, { caller: chain.address('Dave'), value: cost }), (gas) =>
    token.tx.subscribe(id, amount, termsHash, { gasLimit: gas, value: cost }),
  );

  // Carol settles from the console: Dave gets his $CAROL, Carol the 10,000 UNIT.
  const desk = page.getByTestId(`desk-offering-${id}`);
  await expect(desk).toContainText('Sold out: waiting for settlement.', { timeout: 30_000 });
  const carolFree = (await chain.account('Carol')).data.free;
  await desk.getByRole('button', { name: `Settle offering #${id}` }).click();
  const block = await signDialog(page, `Settle offering #${id}`, 'their payments (10,000 UNIT) to you');
  await expect(desk).toContainText('Settled: the tokens were delivered and the issuer was paid.');
  expect((await token.query.offering(id)).data?.status).toBe('Settled');
  expect((await token.query.psp22BalanceOf(chain.address('Dave'))).data).toBe(amount);
  const fee = await chain.feePaid('Carol', block);
  const deposit = await chain.storageDeposits('Carol', block); // settlement writes Dave's holding
  expect((await chain.account('Carol')).data.free - carolFree).toBe(cost - fee - deposit.held + deposit.released);
  await shot(page, info, 'console-settled');
  await axe(page, 'console with a settled offering');
});

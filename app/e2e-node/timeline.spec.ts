/// <reference types="node" />
// The token's history (issue 15's journey 6): the activity feed and the price chart on $BOB's
// page show exactly the events and prices the chain has, checked against a scan the test does
// with its own client and its own arithmetic. Runs last (files run in name order), after every
// other journey traded. It first adds 1,000 transfer events (Bob to Eve, in batches) and
// measures how long the page's scan of the whole deployment takes.

import { Contract, type LooseContractMetadata } from 'dedot/contracts';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { axe, connectAs, expect, recordMetric, shot, test, type Chain } from './fixtures';

interface Emitted {
  block: number;
  contract: string;
  name: string;
  data: Record<string, unknown>;
}

/** Every event `contracts` emitted from `from` to the best block, read block by block here. */
async function scan(chain: Chain, from: number, contracts: Contract[]): Promise<Emitted[]> {
  const best = Number(await chain.client.query.system.number());
  const out: Emitted[] = [];
  for (let n = from; n <= best; n++) {
    const hash = await chain.client.rpc.chain_getBlockHash(n);
    if (!hash) continue;
    const records = await (await chain.client.at(hash)).query.system.events();
    for (const c of contracts) {
      for (const e of c.decodeEvents(records as never) as Array<{ name: string; data?: Record<string, unknown> }>) out.push({ block: n, contract: String(c.address), name: e.name, data: e.data ?? {} });
    }
  }
  return out;
}

function metadata(name: string): LooseContractMetadata {
  return JSON.parse(readFileSync(resolve(import.meta.dirname, '..', '..', 'artifacts', name, `${name}.json`), 'utf8')) as LooseContractMetadata;
}

test('journey 6: the activity feed and the price chart show exactly what the chain has (1,000 events scanned)', async ({ page, chain, wallet, pageErrors }, info) => {
  test.setTimeout(300_000);
  void pageErrors;
  const token = await chain.bobToken();
  const splitter = await chain.bobSplitter();
  const manifest = JSON.parse(readFileSync(chain.state.manifest, 'utf8')) as { first_block?: number };
  expect(manifest.first_block, 'the plan records its first block').toBeGreaterThan(0);
  const first = manifest.first_block ?? 1;

  // 1,000 more events: Bob (the issuer may transfer) sends 1 unit to Eve a thousand times.
  const eve = chain.address('Eve');
  const dry = await token.query.psp22Transfer(eve, 1n, '0x', { caller: chain.address('Bob') });
  if (!dry.data.isOk) throw new Error('an issuer transfer is refused');
  const gas = { refTime: (dry.raw.gasRequired.refTime * 12n) / 10n, proofSize: (dry.raw.gasRequired.proofSize * 12n) / 10n };
  const started = Date.now();
  for (let batch = 0; batch < 20; batch++) {
    const calls = Array.from({ length: 50 }, () => token.tx.psp22Transfer(eve, 1n, '0x', { gasLimit: gas }).call);
    const result = await chain.client.tx.utility.batchAll(calls).signAndSend(chain.pair('Bob')).untilBestChainBlockIncluded();
    if (result.dispatchError) throw new Error(`batch ${batch} failed: ${JSON.stringify(result.dispatchError)}`);
  }
  recordMetric(info, 'sending 1,000 issuer transfers in 20 batches (ms)', Date.now() - started, 'ms');

  const tokenEvents = new Contract(chain.client, metadata('personal_token'), token.address);
  const splitterEvents = new Contract(chain.client, metadata('payout_splitter'), splitter.address);
  const onChain = await scan(chain, first, [tokenEvents, splitterEvents]);
  expect(onChain.filter((e) => e.name === 'Transfer').length).toBeGreaterThanOrEqual(1_000);
  const best = Number(await chain.client.query.system.number());

  await page.goto(`${chain.state.appUrl}/#/token/${token.address}`);
  const summary = page.getByTestId('activity-summary');
  await expect(summary).toContainText(`${onChain.length} events since the deployment`, { timeout: 120_000 });
  const ms = Number((await summary.textContent())?.match(/in (\d+) ms/)?.[1]);
  recordMetric(info, `activity scan of the deployment: ${onChain.length} events in ${best - first + 1} blocks (ms)`, ms, 'ms');

  // The feed: the newest 50 first, then all of them: the same events, newest first.
  const items = page.getByTestId('activity').locator('li');
  await expect(items).toHaveCount(50);
  await page.getByRole('button', { name: `Show all ${onChain.length} events` }).click();
  await expect(items).toHaveCount(onChain.length);
  const shown = await items.evaluateAll((lis) => lis.map((li) => `${li.getAttribute('data-block')}:${li.getAttribute('data-event')}`));
  expect(shown).toEqual([...onChain].reverse().map((e) => `${e.block}:${e.name}`));

  // The chart: one point per priced trade, at the price the test computes itself.
  const scale = 10n ** 6n; // $BOB has 6 decimals
  const big = (v: unknown) => v as bigint;
  const expected = onChain
    .map((e) =>
      e.name === 'TransferExecuted' || e.name === 'FirstRefusalExercised'
        ? [big(e.data.price), big(e.data.amount)]
        : e.name === 'OfferingSettled'
          ? [big(e.data.raised), big(e.data.sold)]
          : undefined,
    )
    .filter((x): x is bigint[] => x !== undefined && x[0] !== 0n && x[1] !== 0n)
    .map(([paid, amount]) => ((paid ?? 0n) * scale) / (amount ?? 1n));
  expect(expected.length).toBeGreaterThan(1); // the seed's offering and the journeys' sales
  const points = await page.getByTestId('price-chart').locator('circle').evaluateAll((cs) => cs.map((c) => c.getAttribute('data-value')));
  expect(points).toEqual(expected.map(String));

  // Holders rebuilt from transfers agree with the token's balances.
  const holderRows = await page.getByTestId('holders').locator('tbody tr').count();
  expect(holderRows).toBe((await token.query.tokenRemediesHolderCount()).data + 1); // the issuer counts too
  await page.locator('figure.chart').screenshot({ path: info.outputPath('price-chart.png') });
  await axe(page, 'token page with its history');

  // Dave's payouts: each distribution's part at his balance of that moment, and his claims,
  // computed here from the same scan, in the order they happened.
  const dave = chain.address('Dave');
  let balance = 0n;
  const bars: string[] = [];
  const addr = (a: unknown) => (a as { address(): string } | undefined)?.address();
  for (const e of onChain) {
    if (e.contract === token.address && e.name === 'Transfer') {
      if (addr(e.data.from) === dave) balance -= big(e.data.value);
      if (addr(e.data.to) === dave) balance += big(e.data.value);
    } else if (e.contract === splitter.address && e.name === 'Distributed') {
      bars.push(`in:${(big(e.data.amount) * balance) / big(e.data.outstanding)}`);
    } else if (e.contract === splitter.address && e.name === 'Claimed' && addr(e.data.holder) === dave) {
      bars.push(`out:${big(e.data.amount)}`);
    }
  }
  expect(bars.filter((b) => b.startsWith('out:')).length).toBeGreaterThan(0); // journey 4 claimed
  await wallet.install(page, ['Dave']);
  await page.goto('about:blank'); // a hash change would not reload the app, and the extension installs on load
  await connectAs(page, 'Dave', chain, '/#/portfolio');
  const history = page.getByTestId('payouts-$BOB');
  await history.locator('summary').click({ timeout: 30_000 });
  const chart = page.getByTestId('payout-chart-$BOB');
  await expect(chart.locator('rect')).toHaveCount(bars.length, { timeout: 30_000 });
  const drawn = await chart.locator('rect').evaluateAll((rs) => rs.map((r) => `${r.getAttribute('data-kind')}:${r.getAttribute('data-value')}`));
  expect(drawn).toEqual(bars);
  await expect(history).toContainText('you held');
  await history.screenshot({ path: info.outputPath('payout-history.png') });
  await axe(page, 'portfolio with the payout history');

  // Dave's notices: one per executed sale request of his on $BOB (the test's own count), and
  // the new ones marked until he marks them seen.
  const hisRequests = new Set(
    onChain
      .filter((e) => e.contract === token.address && e.name === 'TransferRequested' && (addr(e.data.seller) === dave || addr(e.data.buyer) === dave))
      .map((e) => String(e.data.id)),
  );
  const executed = onChain.filter((e) => e.contract === token.address && e.name === 'TransferExecuted' && hisRequests.has(String(e.data.id))).length;
  expect(executed).toBeGreaterThan(0);
  await page.getByTestId('notices-link').click();
  const notices = page.getByTestId('notices').locator('li');
  await expect(notices.filter({ hasText: /\$BOB: your sale request #\d+ was executed/ })).toHaveCount(executed, { timeout: 30_000 });
  await expect(notices.filter({ hasText: 'a payout is claimable' }).first()).toBeVisible();
  const total = await notices.count();
  await expect(page.getByTestId('notices-link')).toHaveText(`Notices (${total} new)`);
  await shot(page, info, 'notices');
  await axe(page, 'notices');
  await page.getByRole('button', { name: 'Mark all as seen' }).click();
  await expect(page.getByTestId('notices-summary')).toContainText(`0 new of ${total}.`);
  await expect(page.getByTestId('notices-link')).toHaveText('Notices');
});

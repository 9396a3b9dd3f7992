/// <reference types="node" />
// Joining the registry on a live node. All six dev accounts are founders, so the applicant is a
// derived key (//Eve//applicant) funded in the test by a balances transfer from //Ferdie signed
// in the test process. It applies on the Join page with the bond shown; Alice vouches from the
// applicant's page; Alice's "Release my vouch" is refused by the dry run while the application is
// open; the applicant withdraws and gets the bond back. Every effect is checked on the chain.

import { blake2AsHex } from '@polkadot/util-crypto';
import { formatAmount } from '../src/lib/amount';
import { axe, connectAs, expect, shot, test } from './fixtures';

const UNIT = 10n ** 12n;
const money = (v: bigint) => formatAmount(v, { decimals: 12, symbol: 'UNIT', maxFractionDigits: 4 });

test('journey 5: a newcomer applies with the bond, Alice vouches, the applicant withdraws', async ({ page, chain, wallet, pageErrors }, info) => {
  void pageErrors;
  const registry = chain.registry();
  const params = (await registry.query.params()).data;
  const bond = params.applicationBond;
  const applicant = chain.address('Applicant');
  const alice = chain.address('Alice');
  expect((await registry.query.member(applicant)).data).toBeUndefined();
  expect((await registry.query.candidate(applicant)).data).toBeUndefined();

  await chain.fund('Applicant', bond + 1_000n * UNIT);
  const freeBefore = (await chain.account('Applicant')).data.free;
  expect(freeBefore).toBe(bond + 1_000n * UNIT);

  await wallet.install(page, ['Applicant', 'Alice']);
  await connectAs(page, 'Applicant', chain, '/#/join');
  await expect(page.getByRole('heading', { level: 1, name: 'Join the registry' })).toBeVisible();
  await expect(page.getByTestId('application-bond')).toContainText(`Application bond: ${money(bond)}, sent with the application.`, { timeout: 20_000 });
  const profile = 'Applicant of the e2e journey: gardener in Lyon.';
  const hash = blake2AsHex(profile, 256); // computed here independently of the page
  await page.getByLabel('Your profile (only its hash goes on chain)').fill(profile);
  await expect(page.getByTestId('profile-hash')).toContainText(hash);
  await shot(page, info, 'join-form');
  await axe(page, 'join form');
  await page.getByRole('button', { name: 'Review the application' }).click();

  let dialog = page.getByRole('dialog', { name: 'Apply for membership' });
  await expect(dialog.getByText('Network fee (estimate)')).toBeVisible({ timeout: 20_000 });
  await expect(dialog).toContainText(`paying the application bond of ${money(bond)}`);
  await expect(dialog).toContainText(hash);
  await shot(page, info, 'apply-dialog');
  await axe(page, 'apply dialog');
  await dialog.getByRole('button', { name: 'Sign and submit' }).click();
  await expect(dialog.getByText(/Done: finalized in block #\d+/)).toBeVisible({ timeout: 30_000 });
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(page.getByRole('heading', { name: 'Your application' })).toBeVisible({ timeout: 20_000 });

  const application = (await registry.query.candidate(applicant)).data;
  expect(application?.profileHash).toBe(hash);
  expect(application?.bond).toBe(bond);
  expect(application?.vouchCount).toBe(0);
  expect(freeBefore - (await chain.account('Applicant')).data.free).toBeGreaterThan(bond); // bond plus the fee
  expect(wallet.requests.filter((r) => r.address === applicant)).toHaveLength(1);

  // Alice vouches from the applicant's page, with exactly the vouch bond.
  await page.getByTestId('account-picker').selectOption(alice);
  await page.evaluate((a) => (window.location.hash = `#/member/${a}`), applicant);
  await expect(page.getByTestId('application')).toContainText(`0 of ${params.vouchesRequired} vouches`, { timeout: 20_000 });
  await page.getByRole('button', { name: `Vouch for this applicant (${money(params.vouchBond)})` }).click();
  dialog = page.getByRole('dialog', { name: 'Vouch for this applicant' });
  await expect(dialog.getByText('Network fee (estimate)')).toBeVisible({ timeout: 20_000 });
  await shot(page, info, 'vouch-dialog');
  await dialog.getByRole('button', { name: 'Sign and submit' }).click();
  await expect(dialog.getByText(/Done: finalized in block #\d+/)).toBeVisible({ timeout: 30_000 });
  await dialog.getByRole('button', { name: 'Close' }).click();
  expect((await registry.query.voucherOf(applicant, 0)).data?.voucher.address(42)).toBe(alice);
  expect((await registry.query.voucherOf(applicant, 0)).data?.bond).toBe(params.vouchBond);
  await expect(page.getByTestId('application')).toContainText(`1 of ${params.vouchesRequired} vouches`);
  await shot(page, info, 'applicant-vouched');
  await axe(page, 'applicant page');

  // While the application is open her vouch is at stake: the dry run says so, submit stays disabled.
  await page.getByRole('button', { name: 'Release my vouch' }).click();
  dialog = page.getByRole('dialog', { name: 'Release your vouch' });
  await expect(dialog.getByRole('alert')).toContainText('This would fail: The vouch bond is still at stake.', { timeout: 20_000 });
  await expect(dialog.getByRole('button', { name: 'Sign and submit' })).toBeDisabled();
  await dialog.getByRole('button', { name: 'Cancel' }).click();

  // The applicant withdraws and gets the bond back.
  await page.getByTestId('account-picker').selectOption(applicant);
  await page.getByRole('link', { name: 'Join', exact: true }).click();
  await page.getByRole('button', { name: 'Withdraw my application' }).click({ timeout: 20_000 });
  dialog = page.getByRole('dialog', { name: 'Withdraw your application' });
  await expect(dialog).toContainText(`your bond of ${money(bond)} comes back`, { timeout: 20_000 });
  const beforeWithdraw = (await chain.account('Applicant')).data.free;
  await dialog.getByRole('button', { name: 'Sign and submit' }).click();
  await expect(dialog.getByText(/Done: finalized in block #\d+/)).toBeVisible({ timeout: 30_000 });
  await dialog.getByRole('button', { name: 'Close' }).click();
  expect((await registry.query.candidate(applicant)).data).toBeUndefined();
  const gained = (await chain.account('Applicant')).data.free - beforeWithdraw;
  // The bond, plus any storage deposit refunded, minus the fee: both far below 1 UNIT.
  expect(gained).toBeGreaterThan(bond - UNIT);
  expect(gained).toBeLessThan(bond + UNIT);
  await expect(page.getByTestId('profile-hash')).toBeVisible(); // the form is back
});

import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page, type TestInfo } from '@playwright/test';

// Wallet states without a chain: the fixture manifest points at a node that is not there, so
// the status bar must say so while the wallet area keeps working.

type FakeAccount = { address: string; name?: string };
type FakeExtension = { id: string; reject?: string; accounts?: FakeAccount[] };

async function installExtension(page: Page, ext: FakeExtension) {
  await page.addInitScript((e: FakeExtension) => {
    const w = window as unknown as { injectedWeb3?: Record<string, unknown> };
    w.injectedWeb3 = {
      [e.id]: {
        version: '0.0.0-fake',
        enable: async (_origin: string) => {
          if (e.reject !== undefined) throw new Error(e.reject);
          const accounts = e.accounts ?? [];
          return {
            accounts: { get: async () => accounts, subscribe: (cb: (a: FakeAccount[]) => void) => (cb(accounts), () => undefined) },
            signer: {},
          };
        },
      },
    };
  }, ext);
}

async function shot(page: Page, info: TestInfo, name: string) {
  await page.screenshot({ path: info.outputPath(`${name}.png`), fullPage: true });
}

const walletState = (page: Page) => page.getByTestId('wallet-state');

// The app must not crash in any of these states: every uncaught page error fails the test.
let pageErrors: string[] = [];
test.beforeEach(async ({ page }) => {
  pageErrors = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
});
test.afterEach(() => {
  expect(pageErrors).toEqual([]);
});

test('no extension: says so, and the status bar says the node cannot be reached', async ({ page }, info) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1, name: 'Members' })).toBeVisible();
  await expect(walletState(page)).toHaveAttribute('data-state', 'no-extension');
  await expect(walletState(page)).toContainText('No wallet extension found');
  await expect(page.getByTestId('network-status')).toContainText('Cannot reach node ws://127.0.0.1:9 (the connection was refused or closed)', { timeout: 15_000 });
  await shot(page, info, 'no-extension');
});

test('extension whose enable rejects: rejected state', async ({ page }, info) => {
  await installExtension(page, { id: 'polkadot-js', reject: 'Rejected by user' });
  await page.goto('/');
  await page.getByRole('button', { name: 'Connect Polkadot{.js}' }).click();
  await expect(walletState(page)).toHaveAttribute('data-state', 'rejected');
  await expect(walletState(page)).toHaveText('Polkadot{.js} refused access: Rejected by user');
  await expect(page.getByRole('button', { name: 'Try again with Polkadot{.js}' })).toBeVisible();
  await shot(page, info, 'rejected');
});

test('extension with zero accounts: no accounts state', async ({ page }, info) => {
  await installExtension(page, { id: 'talisman', accounts: [] });
  await page.goto('/');
  await page.getByRole('button', { name: 'Connect Talisman' }).click();
  await expect(walletState(page)).toHaveAttribute('data-state', 'no-accounts');
  await expect(walletState(page)).toContainText('Talisman has no accounts to share');
  await expect(page.getByLabel('Account')).toHaveCount(0);
  await shot(page, info, 'no-accounts');
});

test('extension with accounts: the account picker lists them', async ({ page }, info) => {
  await installExtension(page, {
    id: 'subwallet-js',
    accounts: [
      { address: '5C4hrfjw9DjXZTzV3MwzrrAr9P1MJhSrvWGWqi1eSuyUpnhM', name: 'Savings' },
      { address: '5C62Ck4UrFPiBtoCmeSrgF7x9yv9mn38446dhCpsi2mLHiFT', name: 'Trading' },
    ],
  });
  await page.goto('/');
  await page.getByRole('button', { name: 'Connect SubWallet' }).click();
  await expect(walletState(page)).toHaveAttribute('data-state', 'connected');
  const picker = page.getByLabel('Account');
  await expect(picker).toBeVisible();
  await expect(picker.locator('option')).toHaveText(['Savings — 5C4hrf…pnhM', 'Trading — 5C62Ck…HiFT']);
  await picker.selectOption({ label: 'Trading — 5C62Ck…HiFT' });
  await expect(picker).toHaveValue('5C62Ck4UrFPiBtoCmeSrgF7x9yv9mn38446dhCpsi2mLHiFT');
  await shot(page, info, 'connected');
});

test('landing page has no serious or critical axe violations', async ({ page }, info) => {
  await page.goto('/');
  await expect(page.getByTestId('network-status')).toContainText('Cannot reach node', { timeout: 15_000 });
  const results = await new AxeBuilder({ page }).analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  await shot(page, info, 'landing-axe');
  expect(bad.map((v) => `${v.id}: ${v.help} (${v.nodes.length})`)).toEqual([]);
});

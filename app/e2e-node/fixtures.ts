/// <reference types="node" />
// Fixtures of the live-node journeys:
//   - `chain`: a dedot client of the test process on the same node (separate from the page's),
//     to check the chain state and to build signing payloads;
//   - `wallet`: the test wallet, an injected `polkadot-js` extension installed in the page with
//     `page.addInitScript`, whose `signer.signPayload`/`signRaw` are forwarded with
//     `page.exposeFunction` to the test process and signed there with the dev keys (sr25519
//     //Alice ...), so the app's real connect-and-sign path runs and no key enters the page;
//   - `shot`/`axe`: a screenshot into the test output and an axe check (no serious or
//     critical violation) of each page visited.

import AxeBuilder from '@axe-core/playwright';
import { test as base, expect, type Page, type TestInfo } from '@playwright/test';
import { Keyring } from '@polkadot/keyring';
import type { KeyringPair } from '@polkadot/keyring/types';
import { u8aToHex } from '@polkadot/util';
import { cryptoWaitReady, decodeAddress, signatureVerify } from '@polkadot/util-crypto';
import { DedotClient, ExtraSignedExtension, signRawMessage, WsProvider } from 'dedot';
import { Contract, type LooseContractMetadata } from 'dedot/contracts';
import type { SignerPayloadJSON, SignerPayloadRaw } from 'dedot/types';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { GovernanceContractApi } from '../src/contracts/types/governance';
import type { PayoutSplitterContractApi } from '../src/contracts/types/payout-splitter';
import type { PersonalTokenContractApi } from '../src/contracts/types/personal-token';
import type { RegistryContractApi } from '../src/contracts/types/registry';
import { METRICS_FILE, STATE_FILE, type NodeState } from './state';

export const DEV_NAMES = ['Alice', 'Bob', 'Charlie', 'Dave', 'Eve', 'Ferdie'] as const;
export type DevName = (typeof DEV_NAMES)[number];
/** Keys that are not founders (all six dev accounts are): derived, and funded by a test. */
export const EXTRA_KEYS = { Applicant: '//Eve//applicant', Carol: '//Eve//carol' } as const;
export type KeyName = DevName | keyof typeof EXTRA_KEYS;

export function nodeState(): NodeState {
  return JSON.parse(readFileSync(STATE_FILE, 'utf8')) as NodeState;
}

function metadata(name: string): LooseContractMetadata {
  return JSON.parse(readFileSync(resolve(import.meta.dirname, '..', '..', 'artifacts', name, `${name}.json`), 'utf8')) as LooseContractMetadata;
}

/** The test process's own view of the chain. */
export class Chain {
  readonly keyring = new Keyring({ type: 'sr25519', ss58Format: 42 });
  readonly pairs = new Map<KeyName, KeyringPair>();
  private constructor(
    readonly client: DedotClient,
    readonly state: NodeState,
    readonly registryAddress: string,
    readonly governanceAddress: string,
  ) {
    for (const n of DEV_NAMES) this.pairs.set(n, this.keyring.addFromUri(`//${n}`, { name: n }));
    for (const [n, uri] of Object.entries(EXTRA_KEYS)) this.pairs.set(n as KeyName, this.keyring.addFromUri(uri, { name: n }));
  }

  static async open(): Promise<Chain> {
    await cryptoWaitReady();
    const state = nodeState();
    // The node seals blocks on demand: no reconnection after 30 s without a block.
    const client = await DedotClient.legacy({ provider: new WsProvider(state.url), stalingDetectionTimeout: 0 });
    const manifest = JSON.parse(readFileSync(state.manifest, 'utf8')) as { registry: string; governance: string };
    return new Chain(client, state, manifest.registry, manifest.governance);
  }

  address(name: KeyName): string {
    return this.pair(name).address;
  }

  pair(name: KeyName): KeyringPair {
    const p = this.pairs.get(name);
    if (!p) throw new Error(`no dev key ${name}`);
    return p;
  }

  pairFor(address: string): KeyringPair | undefined {
    const pk = u8aToHex(decodeAddress(address));
    return [...this.pairs.values()].find((p) => u8aToHex(p.publicKey) === pk);
  }

  registry() {
    return new Contract<RegistryContractApi>(this.client, metadata('registry'), this.registryAddress, { defaultCaller: this.address('Alice') });
  }

  governance() {
    return new Contract<GovernanceContractApi>(this.client, metadata('governance'), this.governanceAddress, { defaultCaller: this.address('Alice') });
  }

  async tokenOf(name: KeyName) {
    const { data } = await this.registry().query.memberRegistryTokenOf(this.address(name));
    if (!data) throw new Error(`${name} has no token (was the chain seeded?)`);
    return new Contract<PersonalTokenContractApi>(this.client, metadata('personal_token'), data.address(42), { defaultCaller: this.address('Alice') });
  }

  async splitterOf(name: KeyName) {
    const { data } = await this.registry().query.splitterOf(this.address(name));
    if (!data) throw new Error(`${name} has no splitter (was the chain seeded?)`);
    return new Contract<PayoutSplitterContractApi>(this.client, metadata('payout_splitter'), data.address(42), { defaultCaller: this.address('Alice') });
  }

  bobToken() {
    return this.tokenOf('Bob');
  }

  bobSplitter() {
    return this.splitterOf('Bob');
  }

  async account(name: KeyName) {
    return this.client.query.system.account(this.address(name));
  }

  /** The fee `who` paid in block `blockNumber` (TransactionPayment.TransactionFeePaid). */
  async feePaid(name: KeyName, blockNumber: number): Promise<bigint> {
    const hash = await this.client.rpc.chain_getBlockHash(blockNumber);
    if (!hash) throw new Error(`no block #${blockNumber}`);
    const at = await this.client.at(hash);
    const events = await at.query.system.events();
    const who = u8aToHex(decodeAddress(this.address(name)));
    let fee = 0n;
    for (const record of events) {
      const e = record.event as { pallet: string; palletEvent: { name: string; data?: { who?: { raw?: string; address(): string }; actualFee?: bigint; tip?: bigint } } };
      if (e.pallet === 'TransactionPayment' && e.palletEvent.name === 'TransactionFeePaid') {
        const data = e.palletEvent.data;
        const payer = data?.who ? u8aToHex(decodeAddress(data.who.address())) : '';
        if (payer === who) fee += (data?.actualFee ?? 0n) + (data?.tip ?? 0n);
      }
    }
    return fee;
  }

  /**
   * The storage deposits `name` paid (Contracts.StorageDepositTransferredAndHeld from him) and got
   * back (…AndReleased to him) in block `blockNumber`: contract storage a call adds is paid by its
   * origin, storage it frees returns the deposit.
   */
  async storageDeposits(name: KeyName, blockNumber: number): Promise<{ held: bigint; released: bigint }> {
    const hash = await this.client.rpc.chain_getBlockHash(blockNumber);
    if (!hash) throw new Error(`no block #${blockNumber}`);
    const events = await (await this.client.at(hash)).query.system.events();
    const who = u8aToHex(decodeAddress(this.address(name)));
    const is = (a: { address(): string } | undefined) => a !== undefined && u8aToHex(decodeAddress(a.address())) === who;
    let held = 0n;
    let released = 0n;
    for (const record of events) {
      const e = record.event as { pallet: string; palletEvent: { name: string; data?: { from?: { address(): string }; to?: { address(): string }; amount?: bigint } } };
      if (e.pallet !== 'Contracts') continue;
      const data = e.palletEvent.data;
      if (e.palletEvent.name === 'StorageDepositTransferredAndHeld' && is(data?.from)) held += data?.amount ?? 0n;
      if (e.palletEvent.name === 'StorageDepositTransferredAndReleased' && is(data?.to)) released += data?.amount ?? 0n;
    }
    return { held, released };
  }

  /** Sends `amount` planck from //Ferdie to `name` (a balances transfer signed here), until in block. */
  async fund(name: KeyName, amount: bigint) {
    const tx = this.client.tx.balances.transferKeepAlive(this.address(name), amount);
    const result = await tx.signAndSend(this.pair('Ferdie')).untilBestChainBlockIncluded();
    if (result.dispatchError) throw new Error(`funding ${name} failed: ${JSON.stringify(result.dispatchError)}`);
  }

  async close() {
    await this.client.disconnect();
  }
}

export interface SignRequest {
  kind: 'payload' | 'raw';
  address: string;
  method?: string;
}

/** The test wallet: what it signed, and how to install it in a page. */
export class TestWallet {
  readonly requests: SignRequest[] = [];
  private id = 0;
  constructor(private readonly chain: Chain) {}

  private async signPayload(payload: SignerPayloadJSON) {
    const pair = this.chain.pairFor(payload.address);
    if (!pair) throw new Error(`the test wallet has no key for ${payload.address}`);
    if (payload.genesisHash !== this.chain.client.genesisHash) throw new Error('the payload is for another chain');
    this.requests.push({ kind: 'payload', address: payload.address, method: payload.method });
    // The signing payload rebuilt from the JSON the page sent, exactly as dedot signs with a
    // key pair: call, extra, additional signed (hashed when longer than 256 bytes).
    const extra = new ExtraSignedExtension(this.chain.client, { signerAddress: payload.address });
    await extra.fromPayload(payload);
    const raw = extra.toRawPayload(payload.method);
    const signature = u8aToHex(signRawMessage(pair, raw.data));
    return { id: ++this.id, signature };
  }

  private signRaw(raw: SignerPayloadRaw) {
    const pair = this.chain.pairFor(raw.address);
    if (!pair) throw new Error(`the test wallet has no key for ${raw.address}`);
    this.requests.push({ kind: 'raw', address: raw.address });
    const signature = u8aToHex(pair.sign(raw.data, { withType: true }));
    if (!signatureVerify(raw.data, signature, pair.address).isValid) throw new Error('bad signature');
    return { id: ++this.id, signature };
  }

  /** Installs the extension (accounts `names`) in `page`; call before the first `goto`. */
  async install(page: Page, names: KeyName[]) {
    await page.exposeFunction('__ptTestWalletSignPayload', (p: SignerPayloadJSON) => this.signPayload(p));
    await page.exposeFunction('__ptTestWalletSignRaw', (r: SignerPayloadRaw) => this.signRaw(r));
    const accounts = names.map((n) => ({ address: this.chain.address(n), name: n, type: 'sr25519' }));
    await page.addInitScript((accs: Array<{ address: string; name: string; type: string }>) => {
      type Fn = (x: unknown) => Promise<unknown>;
      const w = window as unknown as { injectedWeb3?: Record<string, unknown>; __ptTestWalletSignPayload: Fn; __ptTestWalletSignRaw: Fn };
      w.injectedWeb3 = {
        'polkadot-js': {
          version: '0.0.0-test',
          enable: async (_origin: string) => ({
            accounts: { get: async () => accs, subscribe: (cb: (a: typeof accs) => void) => (cb(accs), () => undefined) },
            signer: {
              signPayload: (payload: unknown) => w.__ptTestWalletSignPayload(payload),
              signRaw: (raw: unknown) => w.__ptTestWalletSignRaw(raw),
            },
          }),
        },
      };
    }, accounts);
  }
}

type Gas = { refTime: bigint; proofSize: bigint };
interface DryRun {
  data: { isOk?: boolean; err?: unknown };
  raw: { gasRequired: Gas };
}
interface Sendable {
  signAndSend(pair: KeyringPair): { untilBestChainBlockIncluded(): Promise<{ dispatchError?: unknown }> };
}

/** A contract call through the test client: dry run as `who` (must succeed), then sent with its gas. */
export async function send(chain: Chain, who: KeyName, what: string, dry: DryRun, tx: (gas: Gas) => Sendable) {
  if (!dry.data.isOk) throw new Error(`${what} refused: ${JSON.stringify(dry.data.err, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v))}`);
  const result = await tx(dry.raw.gasRequired).signAndSend(chain.pair(who)).untilBestChainBlockIncluded();
  if (result.dispatchError) throw new Error(`${what} failed: ${JSON.stringify(result.dispatchError)}`);
}

/** Records a measured number (merged into test-results-node/metrics.json). */
export function recordMetric(info: TestInfo, name: string, value: number, unit: string) {
  const all: Record<string, { value: number; unit: string }> = existsSync(METRICS_FILE) ? JSON.parse(readFileSync(METRICS_FILE, 'utf8')) : {};
  all[name] = { value, unit };
  writeFileSync(METRICS_FILE, JSON.stringify(all, null, 2));
  info.annotations.push({ type: 'metric', description: `${name}: ${value} ${unit}` });
}

export async function shot(page: Page, info: TestInfo, name: string) {
  await page.screenshot({ path: info.outputPath(`${name}.png`), fullPage: true });
}

/** axe on the page as it is: no serious or critical violation. */
export async function axe(page: Page, what: string) {
  const results = await new AxeBuilder({ page }).analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(bad.map((v) => `${what}: ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`)).toEqual([]);
}

export const test = base.extend<{ wallet: TestWallet; pageErrors: string[] }, { chain: Chain }>({
  chain: [
    async ({}, use) => {
      const chain = await Chain.open();
      await use(chain);
      await chain.close();
    },
    { scope: 'worker' },
  ],
  wallet: async ({ chain }, use) => {
    await use(new TestWallet(chain));
  },
  pageErrors: async ({ page }, use) => {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await use(errors);
    expect(errors).toEqual([]);
  },
});

export { expect };

/** Opens the app, connects the test wallet and selects `name`. */
export async function connectAs(page: Page, name: KeyName, chain: Chain, path = '/') {
  await page.goto(chain.state.appUrl + path);
  await expect(page.getByTestId('network-status')).toContainText('Connected to', { timeout: 20_000 });
  await page.getByRole('button', { name: 'Connect Polkadot{.js}' }).click();
  await expect(page.getByTestId('wallet-state')).toHaveAttribute('data-state', 'connected');
  await page.getByTestId('account-picker').selectOption(chain.address(name));
}

/** Signs the open dialog `title` (after checking it says `expectText`, if given) and waits for
 *  finality; returns the block number. */
export async function signDialog(page: Page, title: string, expectText?: string): Promise<number> {
  const dialog = page.getByRole('dialog', { name: title });
  await expect(dialog.getByText('Network fee (estimate)')).toBeVisible({ timeout: 20_000 });
  if (expectText) await expect(dialog).toContainText(expectText);
  await dialog.getByRole('button', { name: 'Sign and submit' }).click();
  const done = dialog.getByText(/Done: finalized in block #\d+/);
  await expect(done).toBeVisible({ timeout: 30_000 });
  const block = Number((await done.textContent())?.match(/#(\d+)/)?.[1]);
  await dialog.getByRole('button', { name: 'Close' }).click();
  return block;
}

/** Seals a block every 2 s (the chain's time moves on) until `read()` returns `want`. */
export async function waitUntil(chain: Chain, what: string, read: () => Promise<string | undefined>, want: string, timeoutMs = 90_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const now = await read();
    if (now === want) return;
    if (Date.now() > until) throw new Error(`${what} is still ${now}, not ${want}`);
    await new Promise((r) => setTimeout(r, 2_000));
    await chain.fund('Eve', 1n); // seals a block
  }
}

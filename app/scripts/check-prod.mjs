// Fails if the production build (dist/) carries dev seed or key material: the dev phrase, the
// //Alice … //Ferdie derivation paths, or the dev accounts' public keys and SS58 addresses.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Keyring } from '@polkadot/keyring';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import { u8aToHex } from '@polkadot/util';

const dist = resolve(process.argv[2] ?? 'dist');
const NAMES = ['Alice', 'Bob', 'Charlie', 'Dave', 'Eve', 'Ferdie'];
const DEV_PHRASE = 'bottom drive obey lake curtain smoke basket hold race lonely fit walk';

await cryptoWaitReady();
const needles = [DEV_PHRASE];
for (const type of ['sr25519', 'ed25519']) {
  const keyring = new Keyring({ type, ss58Format: 42 });
  for (const n of NAMES) {
    const pair = keyring.addFromUri(`//${n}`);
    const hex = u8aToHex(pair.publicKey).slice(2);
    needles.push(pair.address, hex);
  }
}
for (const n of NAMES) needles.push(`//${n}`);

function files(dir) {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : [p];
  });
}

let all;
try {
  all = files(dist);
} catch {
  console.error(`check:prod: no build at ${dist}; run npm run build first`);
  process.exit(2);
}
const hits = [];
for (const f of all) {
  const text = readFileSync(f, 'latin1');
  const lower = text.toLowerCase();
  for (const needle of needles) {
    const isHex = /^[0-9a-f]{64}$/.test(needle);
    if (isHex ? lower.includes(needle) : text.includes(needle)) hits.push(`${f}: ${needle}`);
  }
}
if (hits.length > 0) {
  console.error('check:prod FAILED: the build contains dev key material:');
  for (const h of hits) console.error(`  ${h}`);
  process.exit(1);
}
console.log(`check:prod: ${all.length} files in ${dist}, none contains dev key material (${needles.length} patterns checked)`);

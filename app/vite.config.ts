/// <reference types="vitest/config" />
import { defineConfig, loadEnv } from 'vite';
import react from '@vitejs/plugin-react';
import { readFileSync, existsSync } from 'node:fs';
import { resolve } from 'node:path';

// The deployment manifest the Rust deployment plan writes (deploy/deployments/<network>.json)
// is read at build time and baked into the bundle as `__PT_MANIFEST__`: the app has no
// hard-coded address. `VITE_MANIFEST_PATH` points at another file (the e2e fixture).
function bakedManifest(text: string): string {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return JSON.stringify(text); // not JSON: parseManifest reports it
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return JSON.stringify(raw);
  const { deployer: _deployer, ...kept } = raw as Record<string, unknown>;
  return JSON.stringify(kept);
}

export default defineConfig(({ mode }) => {
  const env = { ...loadEnv(mode, process.cwd(), 'VITE_'), ...process.env };
  const network = env.VITE_NETWORK || 'local';
  const devWallet = env.VITE_DEV_WALLET === 'true';
  if (devWallet && network !== 'local') {
    throw new Error(`VITE_DEV_WALLET=true is only allowed for the local network, not ${network}`);
  }
  const manifestPath = resolve(
    process.cwd(),
    env.VITE_MANIFEST_PATH || `../deploy/deployments/${network}.json`,
  );
  // Only what the app reads is baked in: not the deployer (on a local chain //Alice, whose
  // address check:prod rightly refuses in a bundle; the app needs no deployer).
  const manifest = existsSync(manifestPath) ? bakedManifest(readFileSync(manifestPath, 'utf8')) : 'null';
  return {
    plugins: [react()],
    define: {
      __PT_NETWORK__: JSON.stringify(network),
      __PT_MANIFEST__: manifest.trim() === 'null' ? 'null' : manifest,
    },
    build: { target: 'es2022', sourcemap: false },
    // The dev server serves the contract ABIs from ../artifacts.
    server: { fs: { allow: ['.', '../artifacts'] } },
    test: {
      environment: 'node',
      include: ['src/**/*.test.ts', 'src/**/*.test.tsx'],
    },
  };
});

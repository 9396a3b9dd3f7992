/// <reference types="node" />
import { defineConfig, devices } from '@playwright/test';

// The journeys against a live node (`npm run e2e:node`), kept apart from the chain-free
// wallet-states tests (playwright.config.ts). The global setup starts a substrate-contracts-node
// on free ports with a temporary base path, runs the deployment plan and the seed through the
// Rust deploy binary, builds the production bundle against the manifest it wrote, and serves it
// with `vite preview` on 127.0.0.1:4174 (PT_E2E_NODE_PORT); its teardown stops them.
export default defineConfig({
  testDir: 'e2e-node',
  workers: 1,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  retries: 0,
  reporter: [['list']],
  outputDir: 'test-results-node/output',
  timeout: 90_000,
  // The first run builds the deploy binary (several minutes); later ones start in ~1 minute.
  globalTimeout: 30 * 60_000,
  globalSetup: './e2e-node/global-setup.ts',
  use: {
    trace: 'retain-on-failure',
    launchOptions: { executablePath: process.env.PT_CHROMIUM ?? '/usr/bin/chromium' },
  },
  projects: [{ name: 'chromium-node', use: { ...devices['Desktop Chrome'] } }],
});

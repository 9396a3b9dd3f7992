import { defineConfig, devices } from '@playwright/test';

// Playwright cannot download its own browsers here: it drives Debian's Chromium
// (`apt-get install -y chromium`). The web server is the production build (no dev wallet),
// built with a fixture manifest whose node URL is unreachable, served by `vite preview`.
const PORT = 4173;

export default defineConfig({
  testDir: 'e2e',
  workers: 1,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  retries: 0,
  reporter: [['list']],
  outputDir: 'test-results',
  timeout: 30_000,
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    trace: 'retain-on-failure',
    launchOptions: { executablePath: process.env.PT_CHROMIUM ?? '/usr/bin/chromium' },
  },
  projects: [{ name: 'chromium', use: { ...devices['Desktop Chrome'] } }],
  webServer: {
    command: `npx vite build --outDir dist-e2e --emptyOutDir && node scripts/check-prod.mjs dist-e2e && npx vite preview --outDir dist-e2e --host 127.0.0.1 --port ${PORT} --strictPort`,
    env: { VITE_MANIFEST_PATH: 'e2e/fixtures/unreachable.json', VITE_DEV_WALLET: 'false' },
    url: `http://127.0.0.1:${PORT}`,
    reuseExistingServer: false,
    timeout: 120_000,
  },
});

/*
 * The browser test of the local portal, as @backstage/create-app sets one up: Playwright
 * Test starts the portal exactly as a developer does (`npm start`) and drives Debian's
 * Chromium (no browser download; CHROMIUM_PATH points elsewhere). A failing run keeps a
 * trace, a screenshot and the portal's output in e2e/artifacts/.
 */
import { defineConfig } from '@playwright/test';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const APP_URL = 'http://localhost:3000';
export const BACKEND_URL = 'http://localhost:7007';

// A fresh publish root per run, shared by the portal and the test (workers inherit the
// environment of the runner, which loads this file first).
process.env.E2E_LOCAL_ROOT ??= mkdtempSync(join(tmpdir(), 'golden-path-e2e-'));

export default defineConfig({
  testDir: __dirname,
  testMatch: '*.spec.ts',
  outputDir: join(__dirname, 'artifacts', 'results'),
  globalTeardown: join(__dirname, 'removeLocalRoot.ts'),
  timeout: 20 * 60_000,
  workers: 1,
  forbidOnly: !!process.env.CI,
  reporter: [
    ['list'],
    [
      'html',
      { outputFolder: join(__dirname, 'artifacts', 'report'), open: 'never' },
    ],
  ],
  use: {
    baseURL: APP_URL,
    viewport: { width: 1400, height: 1000 },
    actionTimeout: 30_000,
    navigationTimeout: 60_000,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
      ],
    },
  },
  webServer: {
    // TechDocs' mkdocs first (scripts/techdocs-venv.sh: cached, built on a fresh clone)
    command: 'scripts/techdocs-venv.sh >/dev/null && npm start',
    cwd: resolve(__dirname, '..'),
    // the dev server answers once the first bundle is compiled; the test then waits for
    // the backend's readiness as well
    url: APP_URL,
    timeout: 300_000,
    reuseExistingServer: false,
    stdout: 'pipe',
    stderr: 'pipe',
    env: {
      // the portal's own config, with the fresh publish root of this run
      APP_CONFIG_fastapiGoldenPath_local_root: process.env.E2E_LOCAL_ROOT,
      BROWSER: 'none',
    },
  },
});

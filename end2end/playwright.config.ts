import { defineConfig } from '@playwright/test';
import * as os from 'os';
import * as path from 'path';
import * as fs from 'fs';

// The real server, a fresh database and photo directory for every run. The release binary
// (`cargo leptos build --release`) unless MINSHENG_E2E_SERVER names another: `make test` runs
// the debug binary its server tests built, with the release WASM and CSS, rather than spend
// CI minutes compiling the server once more with optimisations.
const root = path.resolve(__dirname, '..');
const server = path.resolve(root, process.env.MINSHENG_E2E_SERVER ?? 'target/release/server');
// Workers load this file again: they reuse the main process's directory (its log holds the
// one-time codes the shipped message sender writes).
const dataDir = process.env.MINSHENG_E2E_DATA ?? fs.mkdtempSync(path.join(os.tmpdir(), 'minsheng-e2e-'));
process.env.MINSHENG_E2E_DATA = dataDir;
const port = 3107;

export default defineConfig({
  testDir: './tests',
  timeout: 60_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: 'zh-CN',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
        '--disable-component-update', '--disable-quic', '--no-first-run', '--disable-sync'],
    },
  },
  webServer: {
    command: `sh -c 'exec "${server}" > "${dataDir}/server.log" 2>&1'`,
    cwd: root,
    url: `http://127.0.0.1:${port}/healthz`,
    reuseExistingServer: false,
    timeout: 120_000,
    env: {
      MINSHENG_ADDR: `127.0.0.1:${port}`,
      MINSHENG_DATA_DIR: dataDir,
      MINSHENG_LOOKUPS_PER_MINUTE: '1000',
      MINSHENG_SUBMISSIONS_PER_MINUTE: '1000',
      MINSHENG_SIGNINS_PER_MINUTE: '1000',
      MINSHENG_DEMO_DATA: 'true',
      LEPTOS_OUTPUT_NAME: 'minsheng',
      LEPTOS_SITE_ROOT: `${root}/target/site`,
      LEPTOS_SITE_PKG_DIR: 'pkg',
      RUST_LOG: 'warn',
    },
  },
});

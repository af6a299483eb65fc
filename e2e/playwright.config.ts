import { defineConfig, devices } from '@playwright/test';

import { CHROMIUM_LAUNCH } from './tests/support/chromium.ts';
import { API_LOG, LOCAL_APPS } from './tests/support/urls.ts';

// The three apps run from their production builds (`pnpm build` first), on the same ports as
// `pnpm dev` and `pnpm start` (API_PORT, HOST_PORT, APP_PORT), each told where the others are.
const { origins, jwksUrl, env: appEnv } = LOCAL_APPS;
const app = (filter: string, url: string, env: Record<string, string> = {}, log?: string) => ({
  // The API's output goes to a file so a test can prove that no token reaches the logs.
  command: log
    ? `mkdir -p "$(dirname '${log}')" && pnpm --filter ${filter} start > '${log}' 2>&1`
    : `pnpm --filter ${filter} start`,
  url,
  env,
  reuseExistingServer: false,
  timeout: 60_000,
  stdout: 'ignore' as const,
  stderr: 'pipe' as const,
});

export default defineConfig({
  testDir: './tests',
  fullyParallel: false,
  workers: 1,
  forbidOnly: true,
  retries: 0,
  reporter: [['list'], ['json', { outputFile: '../reports/playwright.json' }]],
  use: {
    baseURL: origins.host,
    trace: 'retain-on-failure',
  },
  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        launchOptions: CHROMIUM_LAUNCH,
      },
    },
  ],
  webServer: [
    // The mock's production build refuses to start unless told that this is a local test run.
    app('@intandem/mock-host', jwksUrl, {
      ...appEnv['mock-host'],
      NODE_ENV: 'production',
      MOCK_HOST_ALLOW_PRODUCTION: '1',
    }),
    app(
      '@partner/api',
      `${origins.api}/api/health`,
      {
        ...appEnv.api,
        // Production, said rather than inherited (a NODE_ENV of development or test left in the
        // shell would bring back development defaults): every trust setting must be explicit.
        NODE_ENV: 'production',
        INTANDEM_ALLOW_HTTP_JWKS: '1',
        INTANDEM_APP_CODE_NAME: 'demo-app',
        // Tests rotate keys seconds apart: the shortest cooldown production accepts (default 30 s).
        INTANDEM_JWKS_COOLDOWN_MS: '1000',
        // Embedded PGlite, as `pnpm start` runs it, but in memory so every run starts empty; a
        // DATABASE_URL from the shell must not leak in. database.spec.ts covers the on-disk
        // folder and a PostgreSQL server with processes of its own.
        DATABASE_URL: '',
        PGLITE_DATA_DIR: 'memory://',
      },
      API_LOG,
    ),
    // The app's API URL and the platform's origin are baked in at build time; VITE_HOST_ORIGINS
    // here sets the frame-ancestors header the preview server sends.
    app('@partner/iframe', `${origins.app}/`, appEnv.iframe),
  ],
});

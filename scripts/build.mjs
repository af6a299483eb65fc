#!/usr/bin/env node
// `pnpm build`: the three apps' production builds, for the local demo (`pnpm start`). The iframe
// app's production build takes no default (apps/iframe/config/env.ts), so its settings are named
// here: the API and the platform where `pnpm start` serves them (API_PORT, HOST_PORT), and the
// mock platform's widget uid. A variable the shell sets wins. A deployment builds the app with
// its own values instead (docs/DEPLOY.md).
import { spawnSync } from 'node:child_process';
import { localApps } from '@partner/test-kit/ports';

let iframe;
try {
  const { PORT: _port, ...urls } = localApps().env.iframe;
  // The mock platform's default WIDGET_UID, which `pnpm start` runs it with.
  iframe = { ...urls, VITE_WIDGET_UID: 'demo-widget' };
} catch (error) {
  console.error(error.message);
  process.exit(1);
}
const { status } = spawnSync('pnpm', ['-r', '--filter', './apps/*', 'build'], {
  stdio: 'inherit',
  env: { ...iframe, ...process.env },
});
process.exit(status ?? 1);

#!/usr/bin/env node
// `pnpm build`: the three apps' production builds. The iframe app's API URL and platform origin
// are fixed at build time, so off the default ports (API_PORT, HOST_PORT) they are set here to
// where `pnpm start` will serve them, unless the shell already sets them.
import { spawnSync } from 'node:child_process';
import { localApps, PORT_VARIABLES } from '@partner/test-kit/ports';

let urls = {};
try {
  const { PORT: _port, ...iframe } = localApps().env.iframe;
  if (Object.values(PORT_VARIABLES).some(({ name }) => process.env[name])) urls = iframe;
} catch (error) {
  console.error(error.message);
  process.exit(1);
}
const { status } = spawnSync('pnpm', ['-r', '--filter', './apps/*', 'build'], {
  stdio: 'inherit',
  env: { ...urls, ...process.env },
});
process.exit(status ?? 1);

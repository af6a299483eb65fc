#!/usr/bin/env node
// Starts the mock platform, the API and the iframe app together, prefixes their
// output, and prints the one URL to open once all three answer.
// `--prod` runs the production builds (`pnpm build` first) instead of watch mode.
// Ports: API_PORT, HOST_PORT and APP_PORT (3000, 4000, 5173); each app is given its own PORT.
import { spawn } from 'node:child_process';
import { localApps, PORT_VARIABLES } from '@partner/test-kit/ports';

const production = process.argv.includes('--prod');
const script = production ? 'start' : 'dev';
// Said, not inherited: the apps give development defaults only to NODE_ENV=development (or test),
// so a NODE_ENV left in the shell must neither turn `pnpm dev` off nor `pnpm start` into dev.
const nodeEnv = production ? 'production' : 'development';
let local;
try {
  local = localApps();
} catch (error) {
  console.error(error.message);
  process.exit(1);
}
const { origins, jwksUrl } = local;
// The production builds use no development default: the local demo names its settings here.
const productionEnv = {
  // Its production build refuses to start without this: here it is the local demo, on purpose.
  'mock-host': { MOCK_HOST_ALLOW_PRODUCTION: '1' },
  api: { INTANDEM_ALLOW_HTTP_JWKS: '1', INTANDEM_APP_CODE_NAME: 'demo-app' },
};
// Where each app finds the others. The production builds use no development default, so they
// always get them; in watch mode they are needed only off the default ports, and otherwise leave
// the apps' own defaults and .env files in charge.
const wired = production || Object.values(PORT_VARIABLES).some(({ name }) => process.env[name]);
const appEnv = (name) => {
  const { PORT, ...urls } = local.env[name];
  return { PORT, ...(wired ? urls : {}), ...(production ? productionEnv[name] : {}) };
};
const apps = [
  { name: 'mock-host', filter: '@intandem/mock-host', color: 35, url: jwksUrl },
  { name: 'api', filter: '@partner/api', color: 36, url: `${origins.api}/api/health` },
  { name: 'iframe', filter: '@partner/iframe', color: 33, url: `${origins.app}/` },
];

const children = apps.map((app) => {
  const child = spawn('pnpm', ['--filter', app.filter, script], {
    env: { ...process.env, NODE_ENV: nodeEnv, ...appEnv(app.name) },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const prefix = `\x1b[${app.color}m${app.name.padEnd(9)}\x1b[0m│ `;
  const forward = (stream, out) => {
    let pending = '';
    stream.setEncoding('utf8');
    stream.on('data', (chunk) => {
      const lines = (pending + chunk).split('\n');
      pending = lines.pop() ?? '';
      // Once stopping, pnpm's own "command failed" lines for the interrupted children are noise.
      if (!stopping) for (const line of lines) out.write(`${prefix}${line}\n`);
    });
  };
  forward(child.stdout, process.stdout);
  forward(child.stderr, process.stderr);
  child.on('exit', (code, signal) => {
    if (!stopping) {
      console.error(`${prefix}exited (${signal ?? code}); stopping the others.`);
      stop(code ?? 1);
    }
  });
  return child;
});

let stopping = false;
function stop(code = 0) {
  stopping = true;
  for (const child of children) {
    try {
      process.kill(-child.pid, 'SIGINT');
    } catch {
      // already gone
    }
  }
  process.exitCode = code;
}
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));

async function waitFor(url) {
  while (!stopping) {
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
}

await Promise.all(apps.map((app) => waitFor(app.url)));
if (!stopping) {
  console.log(
    `\n  \x1b[1mReady. Open ${origins.host}\x1b[0m  (the platform, with your app inside)\n`,
  );
}

#!/usr/bin/env node
// Starts the mock platform, the API and the iframe app together, prefixes their
// output, and prints the one URL to open once all three answer.
// `--prod` runs the production builds (`pnpm build` first) instead of watch mode.
import { spawn } from 'node:child_process';

const production = process.argv.includes('--prod');
const script = production ? 'start' : 'dev';
// Said, not inherited: the apps give development defaults only to NODE_ENV=development (or test),
// so a NODE_ENV left in the shell must neither turn `pnpm dev` off nor `pnpm start` into dev.
const nodeEnv = production ? 'production' : 'development';
// The production builds use no development default: the local demo names its settings here.
const productionEnv = {
  // Its production build refuses to start without this: here it is the local demo, on purpose.
  'mock-host': { MOCK_HOST_ALLOW_PRODUCTION: '1' },
  api: {
    INTANDEM_JWKS_URL: 'http://localhost:4000/v3/apps/.well-known/jwks.json',
    INTANDEM_ALLOW_HTTP_JWKS: '1',
    INTANDEM_APP_CODE_NAME: 'demo-app',
    CORS_ALLOWED_ORIGINS: 'http://127.0.0.1:5173',
  },
};
const apps = [
  {
    name: 'mock-host',
    filter: '@intandem/mock-host',
    color: 35,
    url: 'http://localhost:4000/v3/apps/.well-known/jwks.json',
  },
  { name: 'api', filter: '@partner/api', color: 36, url: 'http://127.0.0.1:3000/api/health' },
  { name: 'iframe', filter: '@partner/iframe', color: 33, url: 'http://127.0.0.1:5173/' },
];

const children = apps.map((app) => {
  const child = spawn('pnpm', ['--filter', app.filter, script], {
    env: { ...process.env, NODE_ENV: nodeEnv, ...(production ? productionEnv[app.name] : {}) },
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
    '\n  \x1b[1mReady. Open http://localhost:4000\x1b[0m  (the platform, with your app inside)\n',
  );
}

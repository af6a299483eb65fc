// Plain JavaScript (typed in ports.d.mts) because `pnpm dev` and `pnpm start` import it with
// Node alone, before any TypeScript loader is around.
import { createServer } from 'node:net';

/** @returns {Promise<number>} */
export async function freePort() {
  const server = createServer();
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve(undefined));
  });
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (address === null || typeof address === 'string') throw new Error('no TCP port');
  return address.port;
}

/** @param {string} [path] @returns {Promise<string>} */
export async function refusedUrl(path = '') {
  return `http://127.0.0.1:${await freePort()}${path}`;
}

/** Each app's port variable and the port `pnpm dev` has always used. */
export const PORT_VARIABLES = /** @type {const} */ ({
  api: { name: 'API_PORT', fallback: 3000 },
  host: { name: 'HOST_PORT', fallback: 4000 },
  app: { name: 'APP_PORT', fallback: 5173 },
});

/**
 * @param {Record<string, string | undefined>} [env]
 * @returns {import('./ports.d.mts').LocalApps}
 */
export function localApps(env = process.env) {
  /** @type {string[]} */
  const problems = [];
  /** @param {{ name: string, fallback: number }} variable */
  const read = ({ name, fallback }) => {
    const raw = env[name]?.trim();
    if (raw === undefined || raw === '') return fallback;
    const port = Number(raw);
    if (!/^\d+$/.test(raw) || port < 1 || port > 65535) {
      problems.push(`${name} must be a port from 1 to 65535, got "${raw}".`);
    }
    return port;
  };
  const ports = {
    api: read(PORT_VARIABLES.api),
    host: read(PORT_VARIABLES.host),
    app: read(PORT_VARIABLES.app),
  };
  if (new Set(Object.values(ports)).size < 3) {
    problems.push(`API_PORT, HOST_PORT and APP_PORT must differ, got ${JSON.stringify(ports)}.`);
  }
  if (problems.length > 0) throw new Error(problems.join('\n'));

  // The platform on localhost, the partner's app and API on 127.0.0.1: two sites, as in production.
  const host = `http://localhost:${ports.host}`;
  const api = `http://127.0.0.1:${ports.api}`;
  const app = `http://127.0.0.1:${ports.app}`;
  const jwksUrl = `${host}/v3/apps/.well-known/jwks.json`;
  return {
    ports,
    origins: { host, api, app },
    jwksUrl,
    env: {
      'mock-host': { PORT: String(ports.host), APP_URL: app },
      api: { PORT: String(ports.api), INTANDEM_JWKS_URL: jwksUrl, CORS_ALLOWED_ORIGINS: app },
      iframe: { PORT: String(ports.app), VITE_API_URL: api, VITE_HOST_ORIGINS: host },
    },
  };
}

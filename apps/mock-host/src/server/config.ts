/** Settings read from the environment; the defaults make `pnpm dev` work with no `.env`. */
export interface MockHostConfig {
  port: number;
  /** Host name the server listens on and the platform's origin uses. */
  hostname: string;
  /** Where the partner app (the iframe) is served. */
  appUrl: string;
  /** The app's code name: the token's `aud`. */
  appCodeName: string;
  /** Token lifetime in seconds. */
  tokenTtlSec: number;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): MockHostConfig {
  return {
    port: positiveInt(env.PORT, 4000, 'PORT'),
    hostname: env.HOSTNAME_BIND ?? 'localhost',
    appUrl: new URL(env.APP_URL ?? 'http://127.0.0.1:5173').toString(),
    appCodeName: env.APP_CODE_NAME ?? 'demo-app',
    tokenTtlSec: positiveInt(env.TOKEN_TTL_SEC, 300, 'TOKEN_TTL_SEC'),
  };
}

function positiveInt(raw: string | undefined, fallback: number, name: string): number {
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) {
    throw new Error(`${name} must be a positive integer, got "${raw}".`);
  }
  return value;
}

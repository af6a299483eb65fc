import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import nextEnv from '@next/env';
import { isProduction } from '@partner/api/settings';
import { printErr } from './terminal-text.ts';

/**
 * The API package's folder (`apps/api` in this repository), found through the workspace
 * dependency on `@partner/api` rather than a path relative to this file.
 */
const API_DIR = dirname(fileURLToPath(import.meta.resolve('@partner/api/package.json')));

/**
 * Loads the `.env` files Next loads for the API under this NODE_ENV (`next start` in production,
 * `next dev` otherwise), without overriding the environment, as the API would see them. Quiet, so
 * that `--json` stays JSON. Returns the files loaded, relative to where the tool was started.
 */
export function loadApiEnvFiles(): string[] {
  // A CommonJS bundle whose named exports Node cannot detect: use its default export.
  const { loadedEnvFiles } = nextEnv.loadEnvConfig(API_DIR, !isProduction(), {
    info: () => {},
    error: (...parts: unknown[]) => printErr(`${parts.join(' ')}\n`),
  });
  const from = process.env.INIT_CWD ?? process.cwd();
  return loadedEnvFiles.map((file) => relative(from, join(API_DIR, file.path)));
}

/** The folder of the API's route handlers (`route.ts` files): `src/app/api` of the API package. */
export const API_ROUTES_DIR = join(API_DIR, 'src', 'app', 'api');

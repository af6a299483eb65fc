import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The API package's folder (`apps/api` in this repository), found through the workspace
 * dependency on `@partner/api` rather than a path relative to this file: Next reads its `.env`
 * files there.
 */
export const API_DIR = dirname(fileURLToPath(import.meta.resolve('@partner/api/package.json')));

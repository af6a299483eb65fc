import { fileURLToPath } from 'node:url';

/** Where `pnpm start` serves the three apps (the same defaults as `pnpm dev`). */
export const PLATFORM = 'http://localhost:4000';
export const API = 'http://127.0.0.1:3000';
export const APP = 'http://127.0.0.1:5173';

/** Where the API server's output is written during the run. */
export const API_LOG = fileURLToPath(new URL('../../../reports/api-server.log', import.meta.url));

import { fileURLToPath } from 'node:url';
import { localApps } from '@partner/test-kit/ports';

/** Where `pnpm start` serves the three apps: API_PORT, HOST_PORT and APP_PORT, as `pnpm dev`. */
export const LOCAL_APPS = localApps();
export const PLATFORM = LOCAL_APPS.origins.host;
export const API = LOCAL_APPS.origins.api;
export const APP = LOCAL_APPS.origins.app;

/** Where the API server's output is written during the run. */
export const API_LOG = fileURLToPath(new URL('../../../reports/api-server.log', import.meta.url));

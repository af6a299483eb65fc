import react from '@vitejs/plugin-react';
import { defineConfig, loadEnv } from 'vite';
import { preconnectApi } from './preconnect-api.ts';
import { preloadStartupChunks } from './preload-startup-chunks.ts';

export default defineConfig(({ mode }) => {
  const { VITE_HOST_ORIGINS = 'http://localhost:4000', VITE_API_URL = 'http://127.0.0.1:3000' } =
    loadEnv(mode, process.cwd(), 'VITE_');
  const hostOrigins = VITE_HOST_ORIGINS.split(',')
    .map((origin) => origin.trim())
    .filter(Boolean);
  // Only the platform may embed the app: any other site framing it (clickjacking) gets a
  // blocked frame. Serve the same header from wherever you host the build.
  const headers = {
    'Content-Security-Policy': `frame-ancestors ${hostOrigins.join(' ')}`,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'strict-origin-when-cross-origin',
  };
  // Loopback only, whatever the command line says: the dev server and its hot-reload socket
  // (which shares the server's port) must not be reachable from other machines. The host name
  // is the app's origin in development, http://127.0.0.1:5173.
  const listen = { host: '127.0.0.1', strictPort: true };
  return {
    plugins: [react(), preconnectApi(VITE_API_URL), preloadStartupChunks()],
    // dist/.vite/manifest.json: which chunks the app loads at start-up (the bundle budget's input).
    build: { manifest: true },
    server: { ...listen, headers },
    preview: { ...listen, headers },
  };
});

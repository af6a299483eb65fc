import react from '@vitejs/plugin-react';
import { defineConfig, loadEnv } from 'vite';
import { isProductionBuild, readAppEnv } from './config/env.ts';
import { preconnectApi } from './preconnect-api.ts';
import { preloadStartupChunks } from './preload-startup-chunks.ts';

export default defineConfig(({ command, mode }) => {
  // Validated before anything is served or built: a production build with a missing or unsafe
  // setting stops here, naming each one, instead of shipping a localhost default.
  const appEnv = readAppEnv(loadEnv(mode, process.cwd(), 'VITE_'), {
    production: isProductionBuild(command, mode),
  });
  // Only the platform may embed the app: any other site framing it (clickjacking) gets a
  // blocked frame. Serve the same header from wherever you host the build.
  const headers = {
    'Content-Security-Policy': `frame-ancestors ${appEnv.VITE_HOST_ORIGINS.split(',').join(' ')}`,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'strict-origin-when-cross-origin',
  };
  // Loopback only, whatever the command line says: the dev server and its hot-reload socket
  // (which shares the server's port) must not be reachable from other machines. The host name
  // is the app's origin in development, http://127.0.0.1:5173.
  const listen = { host: '127.0.0.1', strictPort: true };
  return {
    plugins: [react(), preconnectApi(appEnv.VITE_API_URL), preloadStartupChunks()],
    // The app reads the validated values, defaults included, never the raw variables.
    define: Object.fromEntries(
      Object.entries(appEnv).map(([name, value]) => [
        `import.meta.env.${name}`,
        JSON.stringify(value),
      ]),
    ),
    // dist/.vite/manifest.json: which chunks the app loads at start-up (the bundle budget's input).
    build: { manifest: true },
    server: { ...listen, headers },
    preview: { ...listen, headers },
  };
});

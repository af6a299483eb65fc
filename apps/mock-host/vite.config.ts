import { defineConfig } from 'vite';

// Builds the host page into dist/public; the server bundle is built with --ssr.
export default defineConfig({
  build: { outDir: 'dist/public', emptyOutDir: true },
});

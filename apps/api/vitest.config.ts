import { fileURLToPath } from 'node:url';
import { defineProject } from 'vitest/config';

export default defineProject({
  resolve: { alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) } },
  test: {
    name: 'api',
    environment: 'node',
    include: ['test/**/*.test.ts'],
    setupFiles: ['test/support/api-dir.ts'],
    // Opening PGlite (WASM) and migrating takes seconds on a busy machine.
    hookTimeout: 30_000,
    testTimeout: 30_000,
  },
});

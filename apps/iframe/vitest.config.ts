import { defineProject } from 'vitest/config';
import { DEV_DEFAULTS } from './config/env.ts';

// JSX needs no plugin here: Vite's own transform follows tsconfig's "jsx": "react-jsx".
export default defineProject({
  test: {
    name: 'iframe',
    environment: 'happy-dom',
    include: ['test/**/*.test.tsx', 'test/**/*.test.ts'],
    setupFiles: ['test/setup.ts'],
    // What vite.config.ts gives the dev server; a test may stub its own (vi.stubEnv).
    env: { ...DEV_DEFAULTS },
  },
});

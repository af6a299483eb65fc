import { defineProject } from 'vitest/config';

// JSX needs no plugin here: Vite's own transform follows tsconfig's "jsx": "react-jsx".
export default defineProject({
  test: {
    name: 'iframe',
    environment: 'happy-dom',
    include: ['test/**/*.test.tsx', 'test/**/*.test.ts'],
    setupFiles: ['test/setup.ts'],
  },
});

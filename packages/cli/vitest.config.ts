import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'cli',
    environment: 'node',
    include: ['test/**/*.test.ts'],
    // Each process test starts a real CLI (tsx compiles it): seconds on a busy machine.
    testTimeout: 30_000,
  },
});

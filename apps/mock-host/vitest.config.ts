import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'mock-host',
    environment: 'node',
    include: ['test/**/*.test.ts'],
  },
});

import { defineProject } from 'vitest/config';

// Checks over the whole repository rather than one package: its markdown's links, the README's size.
export default defineProject({
  test: {
    name: 'repository',
    environment: 'node',
    include: ['*.test.mjs'],
  },
});

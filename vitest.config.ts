import { defineConfig } from 'vitest/config';

// One run over every package's unit tests; each project keeps its own environment.
export default defineConfig({
  test: {
    projects: ['packages/*', 'apps/*', 'bench', 'scripts'],
  },
});

// The API runs with its package folder as the working directory (`next start`, `pnpm dev`), and
// finds its migrations there; tests run from the repository root get the same.
process.chdir(new URL('../..', import.meta.url).pathname);

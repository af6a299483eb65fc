import { defineConfig } from 'drizzle-kit';

// `pnpm --dir apps/api db:generate --name <what-it-does>` writes the next SQL migration to
// ./drizzle from the schema's changes; review and commit it.
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/db/schema.ts',
  out: './drizzle',
});

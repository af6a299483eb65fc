/**
 * `pnpm --filter @partner/api db:migrate`: applies pending migrations to the database the API's
 * settings name (DATABASE_URL, else embedded PGlite), as the server does at start.
 */
import { processDatabase } from '../lib/database.ts';
import { checkSettingsOrExit } from '../lib/startup.ts';

checkSettingsOrExit();
try {
  const database = await processDatabase();
  await database.close();
  console.log(`Migrations applied (${database.kind} database).`);
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
}

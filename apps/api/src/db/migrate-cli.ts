/**
 * `pnpm --dir apps/api db:migrate`: the deploy step. Applies pending migrations and the tenant
 * access rules to the database the API's settings name (DATABASE_URL, else embedded PGlite),
 * whatever DATABASE_MIGRATE says, then checks them as a starting server would. Run it as the
 * migration user (docs/DEPLOY.md).
 */
import { openConfiguredDatabase } from '../lib/database.ts';
import { checkSettingsOrExit } from '../lib/startup.ts';

checkSettingsOrExit();
try {
  const database = await openConfiguredDatabase('apply');
  await database.close();
  console.log(`Migrations applied (${database.kind} database).`);
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
}

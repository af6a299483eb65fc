import { processDatabase } from './database.ts';
import { readSettings, SettingsError } from './settings.ts';

/**
 * Runs once when the server process starts (from `instrumentation.ts`), before it answers any
 * request. A bad setting ends the process here with one message naming every problem: found
 * lazily instead, it would surface as a 500 on the first request.
 */
export function checkSettingsOrExit(): void {
  try {
    const { warnings, developmentDefaults } = readSettings();
    // One line, so a deployment that runs on development defaults by mistake shows it at once.
    if (developmentDefaults.length > 0) {
      console.info(`api: development defaults in use: ${developmentDefaults.join(', ')}`);
    }
    for (const warning of warnings) console.warn(`api: ${warning}`);
  } catch (error) {
    if (!(error instanceof SettingsError)) throw error;
    console.error(`api: ${error.message}`);
    process.exit(1);
  }
}

/**
 * Opens the database and applies pending migrations (or, with `DATABASE_MIGRATE=check`, checks
 * that none is pending), then checks the tenant access rules, before the first request: the
 * first request would otherwise pay for it, and a broken schema would show as errors per
 * request. Any failure ends the process with one message naming it. The pool is closed when the
 * server is stopped.
 */
export async function openDatabaseOrExit(): Promise<void> {
  try {
    const database = await processDatabase();
    const close = () => {
      // Queries in flight finish; new ones are refused. Next exits once its requests are done.
      database.close().catch(() => {});
    };
    process.once('SIGTERM', close);
    process.once('SIGINT', close);
  } catch (error) {
    console.error(`api: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}

import { readSettings, SettingsError } from './settings.ts';

/**
 * Runs once when the server process starts (from `instrumentation.ts`), before it answers any
 * request. A bad setting ends the process here with one message naming every problem: found
 * lazily instead, it would surface as a 500 on the first request.
 */
export function checkSettingsOrExit(): void {
  try {
    const { warnings } = readSettings();
    for (const warning of warnings) console.warn(`api: ${warning}`);
  } catch (error) {
    if (!(error instanceof SettingsError)) throw error;
    console.error(`api: ${error.message}`);
    process.exit(1);
  }
}

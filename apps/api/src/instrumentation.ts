/** Next.js calls `register()` once per server process, before the first request. */
export async function register(): Promise<void> {
  // Settings are checked where route handlers run; the Edge runtime has no process to stop.
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { checkSettingsOrExit, openDatabaseOrExit } = await import('./lib/startup.ts');
  checkSettingsOrExit();
  await openDatabaseOrExit();
}

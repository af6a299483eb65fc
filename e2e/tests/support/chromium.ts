/** The Chromium the browser tests and `pnpm bench` launch, with the same quiet flags. */
export const CHROMIUM_LAUNCH = {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  // No GPU, no background traffic or updates: a load measures the apps, not the browser's chores.
  args: [
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--disable-quic',
  ],
};

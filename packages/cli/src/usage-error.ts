/** A command line a tool cannot run with; the message says why. Exit status 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

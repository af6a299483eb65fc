import { expect } from 'vitest';
import { AuthError } from '../../src/index.ts';

/** Awaits a promise that must reject with an AuthError, and returns that error. */
export async function rejection(promise: Promise<unknown>): Promise<AuthError> {
  const outcome = await promise.then(
    () => undefined,
    (error: unknown) => error,
  );
  expect(outcome, 'expected a rejection').toBeInstanceOf(AuthError);
  return outcome as AuthError;
}

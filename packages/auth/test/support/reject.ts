import { expect } from 'vitest';
import { AuthError } from '../../src/index.ts';

/** Awaits a promise that must reject with an instance of `type`, and returns that error. */
export async function rejectionOf<E>(
  type: abstract new (...args: never[]) => E,
  promise: Promise<unknown>,
): Promise<E> {
  const outcome = await promise.then(
    () => undefined,
    (error: unknown) => error,
  );
  expect(outcome, 'expected a rejection').toBeInstanceOf(type);
  return outcome as E;
}

/** Awaits a promise that must reject with an AuthError, and returns that error. */
export function rejection(promise: Promise<unknown>): Promise<AuthError> {
  return rejectionOf(AuthError, promise);
}

import { describe, expect, it } from 'vitest';
import { type AuthEvent, safeEmitter } from '../src/events.ts';

describe('safeEmitter', () => {
  it('is undefined without a listener, so the hot path skips building events', () => {
    expect(safeEmitter(undefined)).toBeUndefined();
  });

  it('forwards events to the listener', () => {
    const seen: AuthEvent[] = [];
    safeEmitter((event) => seen.push(event))?.({ type: 'token_cache', hit: true });
    expect(seen).toEqual([{ type: 'token_cache', hit: true }]);
  });

  it('swallows a listener that throws', () => {
    const emit = safeEmitter(() => {
      throw new Error('metrics backend down');
    });
    expect(() => emit?.({ type: 'token_rejected', code: 'token_expired' })).not.toThrow();
  });
});

import { describe, expect, it, vi } from 'vitest';
import type { Me } from '../src/api.ts';
import { identityFrom } from '../src/identity.ts';
import { deferred } from './support/deferred.ts';

const ME: Me = {
  staff: { uid: 'staff-1' },
  app: 'partner-app',
  expires_at: '2999-01-01T00:00:00Z',
};

describe('identityFrom', () => {
  it('is pending, then holds the answer, and tells its subscribers once', async () => {
    const answer = deferred<Me>();
    const identity = identityFrom(answer.promise);
    const onChange = vi.fn();
    identity.subscribe(onChange);
    expect(identity.get()).toEqual({ me: undefined, error: undefined });

    answer.resolve(ME);
    await identity.settled;
    expect(identity.get()).toEqual({ me: ME, error: undefined });
    expect(onChange).toHaveBeenCalledOnce();
  });

  it('holds a failure as an Error, and is no unhandled rejection', async () => {
    const identity = identityFrom(Promise.reject(Object.assign(new Error('no'), { code: 'x' })));
    await identity.settled;
    expect(identity.get().error).toMatchObject({ message: 'no', code: 'x' });
    const odd = identityFrom(Promise.reject('a string'));
    await odd.settled;
    expect(odd.get().error).toBeInstanceOf(Error);
  });

  it('stops telling a subscriber that left', async () => {
    const answer = deferred<Me>();
    const identity = identityFrom(answer.promise);
    const onChange = vi.fn();
    identity.subscribe(onChange)();
    answer.resolve(ME);
    await identity.settled;
    expect(onChange).not.toHaveBeenCalled();
  });
});

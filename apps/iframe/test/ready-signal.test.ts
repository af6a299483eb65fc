import { describe, expect, it, vi } from 'vitest';
import { readySignal } from '../src/ready-signal.ts';

describe('readySignal', () => {
  it('sends ready() once, whoever asks first; later callers share its outcome', async () => {
    const send = vi.fn(async () => undefined);
    const signal = readySignal(send);
    const first = signal.send();
    expect(signal.send()).toBe(first);
    await first;
    expect(send).toHaveBeenCalledOnce();
  });

  it('shares a refusal too, without asking again', async () => {
    const send = vi.fn(() => Promise.reject(new Error('no host')));
    const signal = readySignal(send);
    await expect(signal.send()).rejects.toThrow('no host');
    await expect(signal.send()).rejects.toThrow('no host');
    expect(send).toHaveBeenCalledOnce();
  });
});

import { describe, expect, it, vi } from 'vitest';
import { takeEarlyMessages } from '../../src/page/early-messages.ts';

describe('takeEarlyMessages', () => {
  it('hands over what was kept, once, and stops the keeping', () => {
    const kept = [new MessageEvent('message', { data: 'init' })];
    const stop = vi.fn();
    const target = { __mockEarlyMessages: { events: kept, stop } } as unknown as Window;
    expect(takeEarlyMessages(target)).toEqual(kept);
    expect(stop).toHaveBeenCalledOnce();
    expect(takeEarlyMessages(target)).toEqual([]);
  });

  it('is empty on a page that kept nothing', () => {
    expect(takeEarlyMessages({} as Window)).toEqual([]);
  });
});

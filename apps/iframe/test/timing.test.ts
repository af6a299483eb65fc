import { afterEach, describe, expect, it } from 'vitest';
import { MARKS, markOnce } from '../src/timing.ts';

afterEach(() => performance.clearMarks());

describe('markOnce', () => {
  it('sets a mark the first time only, so the first occurrence is what counts', () => {
    markOnce(MARKS.token);
    const [first] = performance.getEntriesByName(MARKS.token);
    markOnce(MARKS.token);
    const entries = performance.getEntriesByName(MARKS.token);
    expect(entries).toHaveLength(1);
    expect(entries[0]?.startTime).toBe(first?.startTime);
  });

  it('keeps each mark apart', () => {
    markOnce(MARKS.sdkInit);
    expect(performance.getEntriesByName(MARKS.sdkInit)).toHaveLength(1);
    expect(performance.getEntriesByName(MARKS.identity)).toHaveLength(0);
  });
});

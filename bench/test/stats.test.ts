import { describe, expect, it } from 'vitest';
import { median, percentile, round } from '../src/stats.ts';

describe('percentile', () => {
  it('takes the nearest rank, whatever the order of the samples', () => {
    const samples = [50, 10, 40, 20, 30, 60, 90, 70, 100, 80];
    expect(percentile(samples, 90)).toBe(90);
    expect(percentile(samples, 100)).toBe(100);
    expect(percentile(samples, 1)).toBe(10);
    expect(median(samples)).toBe(50);
  });

  it('is NaN for no samples rather than a made-up number', () => {
    expect(median([])).toBeNaN();
  });
});

describe('round', () => {
  it('keeps the asked number of decimals', () => {
    expect(round(0.956)).toBe(0.96);
    expect(round(882.44, 1)).toBe(882.4);
  });
});

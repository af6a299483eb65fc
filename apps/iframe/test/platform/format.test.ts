import { describe, expect, it } from 'vitest';
import { formatsFor } from '../../src/platform/format.ts';

const AT = '2026-11-02T09:30:15.000Z';

describe('formatsFor', () => {
  it('formats in the given language with Intl', () => {
    const hebrew = formatsFor('he');
    expect(hebrew.dateTime(AT)).toBe(
      new Intl.DateTimeFormat('he', { dateStyle: 'medium', timeStyle: 'short' }).format(
        new Date(AT),
      ),
    );
    expect(hebrew.time(AT)).toBe(
      new Intl.DateTimeFormat('he', { timeStyle: 'medium' }).format(new Date(AT)),
    );
    // Hebrew month names are written in Hebrew letters; English ones are not.
    expect(hebrew.dateTime(AT)).toMatch(/[\u0590-\u05ff]/);
    expect(formatsFor('en').dateTime(AT)).toMatch(/Nov/);
  });
});

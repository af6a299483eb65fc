import { describe, expect, it, vi } from 'vitest';
import { formatsFor, warmFormats } from '../../src/platform/format.ts';

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

describe('warmFormats', () => {
  it("builds the language's formatters ahead, so formatting later builds none", () => {
    warmFormats('de');
    const { DateTimeFormat } = Intl;
    const built = vi
      .spyOn(Intl, 'DateTimeFormat')
      // biome-ignore lint/complexity/useArrowFunction: the code under test calls it with new
      .mockImplementation(function (...args: ConstructorParameters<typeof DateTimeFormat>) {
        return new DateTimeFormat(...args);
      });
    try {
      formatsFor('de').time(AT);
      formatsFor('de').dateTime(AT);
      expect(built).not.toHaveBeenCalled();
      formatsFor('fr').time(AT);
      expect(built).toHaveBeenCalledOnce();
    } finally {
      built.mockRestore();
    }
  });
});

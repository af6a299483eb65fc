import { afterEach, describe, expect, it } from 'vitest';
import { applyLanguage, directionOf } from '../../src/platform/language.ts';

afterEach(() => applyLanguage('en'));

describe('directionOf', () => {
  it.each(['he', 'he-IL', 'ar', 'fa', 'ur', 'yi', 'az-Arab'])(
    '%s is written right to left',
    (tag) => {
      expect(directionOf(tag)).toBe('rtl');
    },
  );

  it.each(['en', 'es', 'de', 'ja', 'az', 'az-Latn', 'sr-Cyrl'])(
    '%s is written left to right',
    (tag) => {
      expect(directionOf(tag)).toBe('ltr');
    },
  );

  it('falls back to left to right for a tag Intl refuses, without throwing', () => {
    expect(directionOf('not a tag')).toBe('ltr');
  });
});

describe('applyLanguage', () => {
  it('sets lang and dir on the document element', () => {
    applyLanguage('he');
    expect(document.documentElement.lang).toBe('he');
    expect(document.documentElement.dir).toBe('rtl');
    applyLanguage('es');
    expect(document.documentElement.getAttribute('lang')).toBe('es');
    expect(document.documentElement.dir).toBe('ltr');
  });
});

/** The document's language and direction, from the platform's UI language. */

// Scripts written right to left (Unicode's list of RTL scripts in current use).
const RTL_SCRIPTS = new Set([
  'Arab',
  'Hebr',
  'Thaa',
  'Syrc',
  'Nkoo',
  'Adlm',
  'Rohg',
  'Mand',
  'Samr',
]);

/** `rtl` for a language written right to left (`he`, `ar`, `fa`, `ur`…), else `ltr`. */
export function directionOf(language: string): 'ltr' | 'rtl' {
  try {
    // maximize() fills in the likely script: he → he-Hebr-IL, az-Arab stays Arab.
    const { script } = new Intl.Locale(language).maximize();
    return script !== undefined && RTL_SCRIPTS.has(script) ? 'rtl' : 'ltr';
  } catch {
    return 'ltr';
  }
}

/** Sets `lang` and `dir` on `<html>`, so the browser lays the whole app out in that direction. */
export function applyLanguage(
  language: string,
  root: HTMLElement = document.documentElement,
): void {
  root.lang = language;
  root.dir = directionOf(language);
}

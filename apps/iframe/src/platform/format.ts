/** Dates and times in the platform's language, with Intl; one formatter per language and style. */

const cache = new Map<string, Intl.DateTimeFormat>();

function formatter(language: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${language}|${JSON.stringify(options)}`;
  let found = cache.get(key);
  if (!found) {
    try {
      found = new Intl.DateTimeFormat(language, options);
    } catch {
      // An unknown tag cannot reach here (the SDK checks it), but a formatter must not throw.
      found = new Intl.DateTimeFormat(undefined, options);
    }
    cache.set(key, found);
  }
  return found;
}

const DATE_TIME: Intl.DateTimeFormatOptions = { dateStyle: 'medium', timeStyle: 'short' };
const TIME: Intl.DateTimeFormatOptions = { timeStyle: 'medium' };

/**
 * Builds the language's formatters ahead of need: the first one in a language loads its locale
 * data, which is better done while the app waits for the network than when it first paints.
 */
export function warmFormats(language: string): void {
  formatter(language, DATE_TIME);
  formatter(language, TIME);
}

export interface Formats {
  /** A point in time with its date, e.g. a note's creation. */
  dateTime(iso: string): string;
  /** A time of day today, e.g. when the token expires. */
  time(iso: string): string;
}

export function formatsFor(language: string): Formats {
  return {
    dateTime: (iso) => formatter(language, DATE_TIME).format(new Date(iso)),
    time: (iso) => formatter(language, TIME).format(new Date(iso)),
  };
}

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

export interface Formats {
  /** A point in time with its date, e.g. a note's creation. */
  dateTime(iso: string): string;
  /** A time of day today, e.g. when the token expires. */
  time(iso: string): string;
}

export function formatsFor(language: string): Formats {
  return {
    dateTime: (iso) =>
      formatter(language, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso)),
    time: (iso) => formatter(language, { timeStyle: 'medium' }).format(new Date(iso)),
  };
}

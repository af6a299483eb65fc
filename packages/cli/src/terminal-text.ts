/**
 * Everything the tools print goes through here. No URL credentials are printed.
 *
 * What the tools print that came from a token, a file or a server may hold characters a terminal
 * acts on instead of showing: ESC starts CSI (`\x1b[2J` clears the screen) and OSC sequences
 * (`\x1b]52;c;…\x07` writes the clipboard), U+009B is a CSI by itself, bidirectional overrides
 * reorder what follows them. Each such character is printed as a `\uXXXX` escape instead: visible
 * to the reader, and in `--json` output still valid JSON that parses to the same value.
 * `JSON.stringify` escapes only C0 controls; DEL, C1 and the bidi controls it leaves alone.
 */

/** C0 controls, DEL, C1 controls, bidi marks, overrides and isolates, line and paragraph separators. */
function isUnsafe(code: number): boolean {
  return (
    code < 0x20 ||
    (code >= 0x7f && code <= 0x9f) ||
    code === 0x061c ||
    code === 0x200e ||
    code === 0x200f ||
    code === 0x2028 ||
    code === 0x2029 ||
    (code >= 0x202a && code <= 0x202e) ||
    (code >= 0x2066 && code <= 0x2069)
  );
}

function escapeUnsafe(text: string, keepNewlines: boolean): string {
  let out = '';
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    if (!isUnsafe(code) || (keepNewlines && code === 0x0a)) out += char;
    else if (code === 0x0a) out += '\\n';
    else out += `\\u${code.toString(16).padStart(4, '0')}`;
  }
  return out;
}

/** One value from a token, a file or a server, placed inside a line: newlines escaped too. */
export function inline(text: string): string {
  return escapeUnsafe(text, false);
}

/** A value as a JSON literal (`"staff-1"`, `42`, `["a"]`), escaped for a line; `(none)` when absent. */
export function quote(value: unknown): string {
  if (value === undefined) return '(none)';
  return inline(JSON.stringify(value) ?? String(value));
}

/**
 * The user information of every URL in `text` (`https://user:password@host`) replaced with
 * `***`, whether the URL came from the command line, a setting, a token or a server.
 */
export function redactCredentials(text: string): string {
  return text.replace(/\b([a-z][a-z0-9+.-]*:\/\/)[^\s/?#@"'\\<>]+@/gi, '$1***@');
}

/**
 * A whole output, text or JSON, as it may reach a terminal: URL credentials redacted, every
 * unsafe character but the newline escaped. Values are escaped where they are placed (`inline`,
 * `quote`), so that no value adds a line; this pass is the guarantee for everything else.
 */
export function terminalSafe(output: string): string {
  return escapeUnsafe(redactCredentials(output), true);
}

/** Writes `text` to standard output, terminal-safe. */
export function printOut(text: string): void {
  process.stdout.write(terminalSafe(text));
}

/** Writes `text` to standard error, terminal-safe. */
export function printErr(text: string): void {
  process.stderr.write(terminalSafe(text));
}

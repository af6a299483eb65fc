/**
 * The characters in `text` that a terminal may act on instead of printing, as `U+XXXX`: C0
 * controls but the newline (ESC starts CSI and OSC sequences, BEL ends OSC), DEL, C1 controls
 * (U+009B is a one-character CSI), bidirectional overrides and isolates, line separators.
 * Written independently of the code under test.
 */
export function unsafeCharacters(text: string): string[] {
  const found = new Set<string>();
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    const unsafe =
      (code < 0x20 && code !== 0x0a) ||
      (code >= 0x7f && code <= 0x9f) ||
      code === 0x061c ||
      code === 0x200e ||
      code === 0x200f ||
      code === 0x2028 ||
      code === 0x2029 ||
      (code >= 0x202a && code <= 0x202e) ||
      (code >= 0x2066 && code <= 0x2069);
    if (unsafe) found.add(`U+${code.toString(16).toUpperCase().padStart(4, '0')}`);
  }
  return [...found];
}

/**
 * A `kid` that, printed raw, clears the screen, writes "pwned" to the clipboard (OSC 52), turns
 * the text green with a one-character C1 CSI and reverses the rest of the line.
 */
export const HOSTILE_KID = '\x1b[2J\x1b]52;c;cHduZWQ=\x07\x9b32m✓ accepted \u202edesrever';

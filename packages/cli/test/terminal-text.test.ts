import { describe, expect, it } from 'vitest';
import { inline, quote, redactCredentials, terminalSafe } from '../src/terminal-text.ts';
import { HOSTILE_KID, unsafeCharacters } from './support/unsafe-characters.ts';

describe('inline', () => {
  it('escapes C0, DEL, C1 and bidi controls visibly, newlines included', () => {
    expect(inline('a\x1b[2Jb\x07c\x7fd\x9be\u202ef\u2066g\nh\ti')).toBe(
      'a\\u001b[2Jb\\u0007c\\u007fd\\u009be\\u202ef\\u2066g\\nh\\u0009i',
    );
  });

  it('leaves printable text alone, non-ASCII included', () => {
    expect(inline('staff “1” ✓ é 漢字 😀')).toBe('staff “1” ✓ é 漢字 😀');
  });
});

describe('quote', () => {
  it('quotes as JSON and escapes what JSON.stringify leaves raw', () => {
    expect(quote(HOSTILE_KID)).toBe(
      '"\\u001b[2J\\u001b]52;c;cHduZWQ=\\u0007\\u009b32m✓ accepted \\u202edesrever"',
    );
    expect(quote(['a', 1])).toBe('["a",1]');
    expect(quote(undefined)).toBe('(none)');
  });
});

describe('terminalSafe', () => {
  it('keeps the lines of an output and escapes everything else', () => {
    expect(terminalSafe('one\ntwo\r\x1b[1A\n')).toBe('one\ntwo\\u000d\\u001b[1A\n');
  });

  it('keeps JSON valid and equal once parsed', () => {
    const value = { kid: HOSTILE_KID, list: ['\u2028', '\x9b'] };
    const safe = terminalSafe(JSON.stringify(value, null, 2));
    expect(unsafeCharacters(safe)).toEqual([]);
    expect(JSON.parse(safe)).toEqual(value);
  });
});

describe('redactCredentials', () => {
  it('replaces the user information of every URL, and nothing else', () => {
    expect(
      redactCredentials(
        'API https://partner:s3cret@api.example/x · postgres://u@db:5432/app · https://a.example/p@q · mail a@b.example',
      ),
    ).toBe(
      'API https://***@api.example/x · postgres://***@db:5432/app · https://a.example/p@q · mail a@b.example',
    );
  });

  it('stays inside one JSON string', () => {
    const json = JSON.stringify({ url: 'https://u:p%40ss@h.example', note: 'x@y' }, null, 2);
    expect(JSON.parse(terminalSafe(json))).toEqual({
      url: 'https://***@h.example',
      note: 'x@y',
    });
  });
});

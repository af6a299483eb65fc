import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import {
  BodyTooLargeError,
  InvalidBodyError,
  InvalidJsonError,
  RequestAbortedError,
} from '../../src/server/errors.ts';
import { readJson } from '../../src/server/http.ts';

describe('readJson', () => {
  it('reads a JSON object split over chunks', async () => {
    await expect(readJson(Readable.from(['{"a":', '1}']))).resolves.toEqual({ a: 1 });
  });

  it('reads an empty body as {}', async () => {
    await expect(readJson(Readable.from([]))).resolves.toEqual({});
  });

  it.each([
    ['broken JSON', ['{'], InvalidJsonError],
    ['a JSON array', ['[1]'], InvalidBodyError],
    ['JSON null', ['null'], InvalidBodyError],
    ['a body over 16 KiB', ['x'.repeat(16 * 1024 + 1)], BodyTooLargeError],
  ])('rejects %s', async (_name, chunks, type) => {
    await expect(readJson(Readable.from(chunks))).rejects.toBeInstanceOf(type);
  });

  it('turns a body stream that breaks off into RequestAbortedError', async () => {
    async function* brokenOff() {
      yield Buffer.from('{"claims":');
      throw new Error('aborted');
    }
    await expect(readJson(brokenOff())).rejects.toBeInstanceOf(RequestAbortedError);
  });
});

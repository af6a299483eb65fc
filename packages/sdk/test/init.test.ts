import { describe, expect, it } from 'vitest';
import { init, NotEmbeddedError } from '../src/index.ts';

describe('init', () => {
  it('rejects with NotEmbeddedError when the page has no parent window', async () => {
    expect(window.parent).toBe(window);
    await expect(init({ hostOrigins: ['http://localhost:4000'] })).rejects.toBeInstanceOf(
      NotEmbeddedError,
    );
  });
});

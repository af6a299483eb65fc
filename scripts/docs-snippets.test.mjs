import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { findSnippets, staleSnippets } from './docs-snippets.mjs';
import { markdownFiles } from './markdown-links.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));

describe('the docs', () => {
  it('show only code their files still hold', () => {
    expect(markdownFiles(root)).toContain('docs/add-a-feature.md');
    expect(staleSnippets(root)).toEqual([]);
  });
});

describe('findSnippets', () => {
  it('reads the file a marker names and the code of the fence after it', () => {
    const markdown = ['<!-- snippet: a/b.ts -->', '```ts', 'const x = 1;', '```', 'text'].join(
      '\n',
    );
    expect(findSnippets(markdown)).toEqual([{ file: 'a/b.ts', line: 1, code: 'const x = 1;' }]);
  });

  it('reports a marker without a code block, and ignores blocks without a marker', () => {
    expect(findSnippets('<!-- snippet: a.ts -->\nprose\n```ts\nx\n```')).toEqual([
      { file: 'a.ts', line: 1, code: undefined },
    ]);
    expect(findSnippets('```ts\nx\n```')).toEqual([]);
  });
});

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { anchors, brokenLinks, findLinks, markdownFiles, slug } from './markdown-links.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const targets = (markdown) => findLinks(markdown).map((link) => link.target);

describe('the repository', () => {
  it('has every relative link of its markdown resolve, #fragments included', () => {
    expect(markdownFiles(root)).toContain('README.md');
    expect(brokenLinks(root)).toEqual([]);
  });

  it('keeps README.md to at most 150 lines (the rest belongs in docs/)', () => {
    const text = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    const lines = text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
    expect(lines).toBeLessThanOrEqual(150);
  });
});

describe('finding links', () => {
  it('reads inline links, images, reference definitions and HTML links', () => {
    const markdown = [
      'See [the guide](docs/guide.md#setup "title") and ![chart](chart.svg).',
      '[![badge](badge.svg)](status.md) <a href="a.md">a</a> <img src=\'b.png\'>',
      '[ref]: <docs/ref file.md>',
      '[^note]: a footnote, not a link',
      '[wrapped',
      'text](wrapped.md) and [parens](file_(1).md)',
    ].join('\n');
    expect(findLinks(markdown)).toEqual([
      { target: 'docs/guide.md#setup', line: 1 },
      { target: 'chart.svg', line: 1 },
      { target: 'status.md', line: 2 },
      { target: 'badge.svg', line: 2 },
      { target: 'a.md', line: 2 },
      { target: 'b.png', line: 2 },
      { target: 'docs/ref file.md', line: 3 },
      { target: 'wrapped.md', line: 5 },
      { target: 'file_(1).md', line: 6 },
    ]);
  });

  it('skips fenced code blocks, code spans and HTML comments, across lines too', () => {
    const markdown = [
      '```md',
      '[in a fence](nowhere.md)',
      '```',
      '   ~~~',
      '[in a tilde fence](nowhere.md)',
      '   ~~~',
      'Code: `[span](nowhere.md)` and ``[two `ticks`](nowhere.md)``, `a',
      '[wrapped span](nowhere.md)` then [real](here.md).',
      '<!-- [in a comment](nowhere.md)',
      '-->',
    ].join('\n');
    expect(targets(markdown)).toEqual(['here.md']);
  });
});

describe('anchors', () => {
  it('slugs headings as GitHub does', () => {
    expect(slug("The database user's privileges")).toBe('the-database-users-privileges');
    expect(slug('pnpm inspect-token: why was this token refused?')).toBe(
      'pnpm-inspect-token-why-was-this-token-refused',
    );
    expect(slug('The app shows widget_mismatch')).toBe('the-app-shows-widget_mismatch');
    expect(slug('Data: PostgreSQL  with tenant isolation')).toBe(
      'data-postgresql--with-tenant-isolation',
    );
    expect(slug('Café über 2 ✓')).toBe('café-über-2-');
  });

  it('collects ATX and setext headings, numbers repeats, and reads HTML ids', () => {
    const markdown = [
      '# Title',
      '## `pnpm run doctor` ##',
      '### [Linked](x.md) heading',
      '## Notes',
      '## Notes',
      'Setext',
      '======',
      '```sh',
      '# not a heading',
      '```',
      '<a id="custom"></a> <a name="old-name"></a>',
    ].join('\n');
    expect([...anchors(markdown)].sort()).toEqual(
      [
        'title',
        'pnpm-run-doctor',
        'linked-heading',
        'notes',
        'notes-1',
        'setext',
        'custom',
        'old-name',
      ].sort(),
    );
  });
});

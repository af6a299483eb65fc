import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { applyExamples, parseExamples } from './docs-examples.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const GUIDE = 'docs/add-a-feature.md';
const SCRIPT = fileURLToPath(new URL('docs-examples.mjs', import.meta.url));

const folders = [];
function folder(files = {}) {
  const made = mkdtempSync(path.join(tmpdir(), 'docs-examples-'));
  folders.push(made);
  for (const [file, text] of Object.entries(files)) writeFileSync(path.join(made, file), text);
  return made;
}
afterEach(() => {
  for (const made of folders.splice(0)) rmSync(made, { recursive: true, force: true });
});

const read = (at, file) => readFileSync(path.join(at, file), 'utf8');

describe('parseExamples', () => {
  it('reads each action, its file and the code of the fence after the marker', () => {
    const markdown = [
      'Prose.',
      '<!-- example: create src/a.ts -->',
      '```ts',
      'export const a = 1;',
      '```',
      '<!-- example: append src/index.ts -->',
      '````ts',
      "export { a } from './a.ts';",
      '````',
      '<!-- example: insert src/list.ts before "];" -->',
      '```ts',
      "  'a',",
      '```',
      '<!-- example: run -->',
      '```sh',
      'pnpm generate',
      '```',
      '```md',
      '<!-- example: shown in a block, not a marker -->',
      '```',
    ].join('\n');
    expect(parseExamples(markdown)).toEqual([
      { line: 2, action: 'create', file: 'src/a.ts', code: 'export const a = 1;' },
      { line: 6, action: 'append', file: 'src/index.ts', code: "export { a } from './a.ts';" },
      { line: 10, action: 'insert', file: 'src/list.ts', before: '];', code: "  'a'," },
      { line: 14, action: 'run', code: 'pnpm generate' },
    ]);
  });

  it.each([
    ['an unknown action', '<!-- example: replace a.ts -->\n```\nx\n```', /line 1: not an example/],
    ['a missing path', '<!-- example: create -->\n```\nx\n```', /line 1: not an example/],
    ['an insert without its text', '<!-- example: insert a.ts -->\n```\nx\n```', /line 1: not/],
    ['no code block after it', 'x\n<!-- example: run -->\n\n```sh\nx\n```', /line 2: no code/],
    ['an unclosed block', '<!-- example: create a.ts -->\n```ts\nx', /line 1: .* not closed/],
    ['a path outside the root', '<!-- example: create ../a.ts -->\n```\nx\n```', /not a path/],
    ['an absolute path', '<!-- example: append /etc/hosts -->\n```\nx\n```', /not a path/],
  ])('refuses %s, naming the line', (_name, markdown, message) => {
    expect(() => parseExamples(markdown)).toThrow(message);
  });
});

describe('applyExamples', () => {
  const example = (action, file, code, more = {}) => ({ line: 7, action, file, code, ...more });

  it('creates a new file with its folders, and refuses to overwrite one', () => {
    const at = folder();
    expect(applyExamples(at, [example('create', 'src/deep/a.ts', 'const a = 1;')])).toEqual([
      'src/deep/a.ts',
    ]);
    expect(read(at, 'src/deep/a.ts')).toBe('const a = 1;\n');
    expect(() => applyExamples(at, [example('create', 'src/deep/a.ts', 'x')])).toThrow(
      'line 7: create src/deep/a.ts: the file exists already',
    );
  });

  it('appends after one blank line, to a file that exists', () => {
    const at = folder({ 'a.ts': '/** Header. */\n\n\n', 'b.ts': 'const b = 1;' });
    applyExamples(at, [example('append', 'a.ts', 'x;'), example('append', 'b.ts', 'y;')]);
    expect(read(at, 'a.ts')).toBe('/** Header. */\n\nx;\n');
    expect(read(at, 'b.ts')).toBe('const b = 1;\n\ny;\n');
    expect(() => applyExamples(at, [example('append', 'c.ts', 'x')])).toThrow(
      'line 7: append c.ts: no such file',
    );
  });

  it('inserts before the one line holding the text, and refuses none or several', () => {
    const at = folder({ 'list.ts': 'const list = [\n  // end\n  1,\n];\n' });
    applyExamples(at, [example('insert', 'list.ts', '  2,\n  3,', { before: '];' })]);
    expect(read(at, 'list.ts')).toBe('const list = [\n  // end\n  1,\n  2,\n  3,\n];\n');
    const missing = example('insert', 'list.ts', 'x', { before: 'nowhere' });
    expect(() => applyExamples(at, [missing])).toThrow('"nowhere" is on 0 lines');
    const twice = example('insert', 'list.ts', 'x', { before: ',' });
    expect(() => applyExamples(at, [twice])).toThrow('"," is on 3 lines');
  });

  it('applies in order, so a block may change a file an earlier one created; leaves run blocks', () => {
    const at = folder();
    const written = applyExamples(at, [
      example('create', 'a.ts', 'a;'),
      { line: 9, action: 'run', code: 'touch ran' },
      example('append', 'a.ts', 'b;'),
    ]);
    expect(written).toEqual(['a.ts']);
    expect(read(at, 'a.ts')).toBe('a;\n\nb;\n');
    expect(existsSync(path.join(at, 'ran'))).toBe(false);
  });
});

describe('node scripts/docs-examples.mjs GUIDE', () => {
  const follow = (at) =>
    spawnSync(process.execPath, [SCRIPT, 'guide.md'], { cwd: at, encoding: 'utf8' });

  it('follows the guide in the current folder, blocks and commands in its order', () => {
    const guide = [
      '<!-- example: create notes/a.txt -->',
      '```',
      'first',
      '```',
      '<!-- example: run -->',
      '```sh',
      'cp notes/a.txt copy.txt',
      '```',
      '<!-- example: append notes/a.txt -->',
      '```',
      'second',
      '```',
    ].join('\n');
    const at = folder({ 'guide.md': guide });
    const result = follow(at);
    expect(result.status, result.stderr).toBe(0);
    expect(read(at, 'copy.txt')).toBe('first\n');
    expect(read(at, 'notes/a.txt')).toBe('first\n\nsecond\n');
  });

  it('stops at the first failing step, naming its line', () => {
    const guide = '<!-- example: run -->\n```sh\nfalse\ntouch after\n```\n';
    const at = folder({ 'guide.md': guide });
    const result = follow(at);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('docs-examples: line 1: the commands exited with 1');
    expect(existsSync(path.join(at, 'after'))).toBe(false);
  });
});

describe(`the example of ${GUIDE}`, () => {
  const guide = readFileSync(path.join(root, GUIDE), 'utf8');
  const examples = parseExamples(guide);

  it('marks every TypeScript block a partner writes', () => {
    const blocks = guide.split('\n').filter((line) => /^```tsx?$/.test(line)).length;
    expect(examples.filter((e) => e.action !== 'run')).toHaveLength(blocks);
    expect(examples.map((e) => e.action)).toEqual(expect.arrayContaining(['create', 'run']));
  });

  it('applies to this tree: new files are new, changed files exist and hold their anchors', () => {
    // The files it changes, copied from the tree; the browser test applies it to a whole copy.
    const at = folder();
    for (const { file } of examples.filter((e) => e.action !== 'run')) {
      if (existsSync(path.join(root, file)) && !existsSync(path.join(at, file))) {
        cpSync(path.join(root, file), path.join(at, file));
      }
    }
    expect(() => applyExamples(at, examples)).not.toThrow();
  });
});

// `pnpm remove-demo`'s rules, and its manifest checked against this tree: every listed file
// exists, every marked file is listed, every region closes, what a region's removal leaves
// passes `pnpm lint` once tidied, and docs/add-a-feature.md can still be followed. The
// removal itself is proven on a copy of the tree by scripts/remove-demo-check.sh.
import { spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { applyExamples, parseExamples } from './docs-examples.mjs';
import { problems, readManifest, withoutRegions } from './remove-demo.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const BIOME = path.join(root, 'node_modules', '.bin', 'biome');
/** What the formatter reads; the other marked files (markdown, shell) it leaves alone. */
const FORMATTED = /\.(?:[cm]?[jt]sx?|json|css)$/;

describe('withoutRegions', () => {
  it('removes each region with its marker lines, in any comment syntax', () => {
    const text = [
      'keep 1',
      '// demo:start',
      'gone',
      '// demo:end',
      'keep 2',
      '  {/* demo:start */}',
      '  <Gone />',
      '  {/* demo:end */}',
      '<!-- demo:start -->',
      'gone',
      '<!-- demo:end -->',
      'keep 3',
    ].join('\n');
    expect(withoutRegions(text, 'f')).toBe('keep 1\nkeep 2\nkeep 3');
  });

  it('keeps prose and code that only name the markers', () => {
    const text = 'Mark it with `// demo:start`.\nconst marker = "demo:end";';
    expect(withoutRegions(text, 'f')).toBe(text);
  });

  it('leaves no doubled or trailing blank line where a region was', () => {
    const text = 'a\n\n# demo:start\nb\n# demo:end\n\nc\n\n# demo:start\nd\n# demo:end\n';
    expect(withoutRegions(text, 'f')).toBe('a\n\nc\n');
  });

  it.each([
    ['a start without an end', 'x\n// demo:start\ny', /f:2: demo:start without demo:end/],
    ['an end without a start', 'x\n// demo:end', /f:2: demo:end without demo:start/],
    [
      'a nested start',
      '// demo:start\n// demo:start',
      /f:2: demo:start inside the region of line 1/,
    ],
  ])('refuses %s, naming the line', (_name, text, message) => {
    expect(() => withoutRegions(text, 'f')).toThrow(message);
  });
});

describe('the manifest', () => {
  it('matches this tree: listed files exist, marked files are listed, regions close', () => {
    expect(problems(readManifest())).toEqual([]);
  });
});

describe('what the removal leaves', () => {
  const manifest = readManifest();
  const left = (file) => withoutRegions(readFileSync(path.join(root, file), 'utf8'), file);

  it.each(manifest.regions.filter((file) => FORMATTED.test(file)))(
    '%s, tidied as the removal tidies it, is what `pnpm lint` wants',
    (file) => {
      // With a path, biome reads the text from stdin and prints it fixed, under the repo's settings.
      const biome = (args, input) => {
        const run = spawnSync(BIOME, [...args, `--stdin-file-path=${file}`], {
          cwd: root,
          input,
          encoding: 'utf8',
        });
        expect(run.status, run.stderr).toBe(0);
        return run.stdout;
      };
      const pruned = biome(
        ['lint', '--only=correctness/noUnusedImports', '--write', '--unsafe'],
        left(file),
      );
      const tidied = biome(['format', '--write'], pruned);
      expect(biome(['check', '--write'], tidied)).toBe(tidied);
    },
  );

  it('lets docs/add-a-feature.md be followed as written: no demo word, its files still there', () => {
    const guide = readFileSync(path.join(root, 'docs/add-a-feature.md'), 'utf8');
    expect(manifest.mentions.filter((word) => guide.includes(word))).toEqual([]);
    const removed = (file) => manifest.files.some((f) => file === f || file.startsWith(`${f}/`));
    const examples = parseExamples(guide);
    const copy = mkdtempSync(path.join(tmpdir(), 'remove-demo-guide-'));
    try {
      for (const { file } of examples.filter((example) => example.action !== 'run')) {
        const at = path.join(copy, file);
        if (removed(file) || existsSync(at) || !existsSync(path.join(root, file))) continue;
        mkdirSync(path.dirname(at), { recursive: true });
        if (manifest.regions.includes(file)) writeFileSync(at, left(file));
        else cpSync(path.join(root, file), at);
      }
      expect(() => applyExamples(copy, examples)).not.toThrow();
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  });
});

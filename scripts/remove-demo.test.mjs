// `pnpm remove-demo`'s rules, and its manifest checked against this tree: every listed file
// exists, every marked file is listed, every region closes. The removal itself is proven on a
// copy of the tree by scripts/remove-demo-check.sh.
import { describe, expect, it } from 'vitest';
import { problems, readManifest, withoutRegions } from './remove-demo.mjs';

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

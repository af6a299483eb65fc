import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { initialJs } from '@partner/e2e/bundle';
import { afterEach, describe, expect, it } from 'vitest';

let dist: string | undefined;
afterEach(async () => {
  if (dist) await rm(dist, { recursive: true, force: true });
});

async function build(files: Record<string, string>, manifest: unknown): Promise<string> {
  dist = `${await mkdtemp(join(tmpdir(), 'bundle-'))}/`;
  await mkdir(`${dist}.vite`);
  await mkdir(`${dist}assets`);
  await writeFile(`${dist}.vite/manifest.json`, JSON.stringify(manifest));
  for (const [path, content] of Object.entries(files)) await writeFile(`${dist}${path}`, content);
  return dist;
}

describe('initialJs', () => {
  it('counts the entry, its static imports and the UI it imports at once, with theirs, once each', async () => {
    const files = {
      'assets/index.js': 'entry'.repeat(50),
      'assets/shared.js': 'shared'.repeat(80),
      'assets/react.js': 'react'.repeat(300),
      'assets/ui.js': 'the app'.repeat(400),
      'assets/feature.js': 'a feature panel'.repeat(400),
      'assets/swr.js': 'its data library'.repeat(100),
    };
    const root = await build(files, {
      'index.html': {
        file: 'assets/index.js',
        isEntry: true,
        imports: ['_shared.js'],
        dynamicImports: ['src/ui.tsx'],
      },
      '_shared.js': { file: 'assets/shared.js' },
      '_react.js': { file: 'assets/react.js' },
      '_swr.js': { file: 'assets/swr.js', imports: ['_react.js'] },
      'src/ui.tsx': {
        file: 'assets/ui.js',
        isDynamicEntry: true,
        imports: ['_shared.js', '_react.js'],
        dynamicImports: ['src/components/Feature.tsx'],
      },
      // Loaded by the UI later (React.lazy): outside the start-up JS, but what it shares with
      // the UI (React) is counted, once.
      'src/components/Feature.tsx': {
        file: 'assets/feature.js',
        isDynamicEntry: true,
        imports: ['_react.js', '_swr.js'],
      },
    });
    const result = await initialJs(root);
    const startup = ['assets/index.js', 'assets/react.js', 'assets/shared.js', 'assets/ui.js'];
    const expected = startup.reduce(
      (total, path) => total + gzipSync(files[path as keyof typeof files]).byteLength,
      0,
    );
    expect(result.files.map((file) => file.path).sort()).toEqual(startup);
    expect(result.gzipBytes).toBe(expected);
    expect(result.gzipKb).toBe(Math.round(expected / 100) / 10);
    expect(result.lazy.map((file) => file.path).sort()).toEqual([
      'assets/feature.js',
      'assets/swr.js',
    ]);
  });

  it('counts a chunk the entry imports statically even when a lazy chunk imports it too', async () => {
    const root = await build(
      {
        'assets/index.js': 'entry',
        'assets/api.js': 'api client',
        'assets/ui.js': 'ui',
        'assets/late.js': 'late',
      },
      {
        'index.html': {
          file: 'assets/index.js',
          isEntry: true,
          imports: ['_api.js'],
          dynamicImports: ['src/ui.tsx'],
        },
        '_api.js': { file: 'assets/api.js' },
        'src/ui.tsx': { file: 'assets/ui.js', dynamicImports: ['src/late.tsx'] },
        'src/late.tsx': { file: 'assets/late.js', imports: ['_api.js'] },
      },
    );
    const result = await initialJs(root);
    expect(result.files.map((file) => file.path).sort()).toEqual([
      'assets/api.js',
      'assets/index.js',
      'assets/ui.js',
    ]);
    expect(result.lazy.map((file) => file.path)).toEqual(['assets/late.js']);
  });

  it('refuses a manifest without an entry instead of reporting 0 KB', async () => {
    const root = await build({}, { 'x.js': { file: 'assets/x.js' } });
    await expect(initialJs(root)).rejects.toThrow('no entry');
  });
});

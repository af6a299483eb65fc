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
  it('counts the entry and every chunk it imports, statically or dynamically, once each', async () => {
    const files = {
      'assets/index.js': 'entry'.repeat(50),
      'assets/shared.js': 'shared'.repeat(80),
      'assets/ui.js': 'react and the app'.repeat(400),
      'assets/unused.js': 'never imported'.repeat(400),
    };
    const root = await build(files, {
      'index.html': {
        file: 'assets/index.js',
        isEntry: true,
        imports: ['_shared.js'],
        dynamicImports: ['src/ui.tsx'],
      },
      '_shared.js': { file: 'assets/shared.js' },
      'src/ui.tsx': { file: 'assets/ui.js', isDynamicEntry: true, imports: ['_shared.js'] },
      'src/unused.tsx': { file: 'assets/unused.js' },
    });
    const result = await initialJs(root);
    const expected = ['assets/index.js', 'assets/shared.js', 'assets/ui.js'].reduce(
      (total, path) => total + gzipSync(files[path as keyof typeof files]).byteLength,
      0,
    );
    expect(result.files.map((file) => file.path).sort()).toEqual([
      'assets/index.js',
      'assets/shared.js',
      'assets/ui.js',
    ]);
    expect(result.gzipBytes).toBe(expected);
    expect(result.gzipKb).toBe(Math.round(expected / 100) / 10);
  });

  it('refuses a manifest without an entry instead of reporting 0 KB', async () => {
    const root = await build({}, { 'x.js': { file: 'assets/x.js' } });
    await expect(initialJs(root)).rejects.toThrow('no entry');
  });
});

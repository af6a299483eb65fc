import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

/** The iframe app's production build (`pnpm build`). */
export const IFRAME_DIST = fileURLToPath(new URL('../../../apps/iframe/dist/', import.meta.url));

/** The budget for the JS the app loads at start-up, gzip, in KB (1,000 bytes). */
export const INITIAL_JS_BUDGET_KB = 80;

export interface BundleFile {
  path: string;
  gzipBytes: number;
}

export interface InitialJs {
  /** The start-up JS: what the app loads before it can show who is signed in. */
  files: BundleFile[];
  gzipBytes: number;
  gzipKb: number;
  /** Chunks loaded later (feature panels), outside the budget. */
  lazy: BundleFile[];
}

interface ManifestChunk {
  file: string;
  isEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
}

/**
 * The JS the app loads at start-up: the entry, the chunks it imports statically, and the chunks
 * the entry itself imports dynamically (it imports the UI at once and index.html preloads it, so
 * a split must not hide it from the budget), each with everything those import statically. A
 * chunk reached only through a later dynamic import (a feature panel that React.lazy loads once
 * the identity is on screen) is `lazy`. e2e/tests/bundle.spec.ts checks in the browser that this
 * is exactly what the app fetches before its identity shows. Each file gzipped at the default
 * level, as servers send it; read from Vite's build manifest.
 */
export async function initialJs(dist = IFRAME_DIST): Promise<InitialJs> {
  const manifest = JSON.parse(await readFile(`${dist}.vite/manifest.json`, 'utf8')) as Record<
    string,
    ManifestChunk
  >;
  const startup = new Set<string>();
  const withStaticImports = (key: string) => {
    const chunk = manifest[key];
    if (chunk === undefined || startup.has(key)) return;
    startup.add(key);
    for (const next of chunk.imports ?? []) withStaticImports(next);
  };
  const entries = Object.keys(manifest).filter((key) => manifest[key]?.isEntry);
  for (const key of entries) withStaticImports(key);
  for (const key of entries) {
    for (const next of manifest[key]?.dynamicImports ?? []) withStaticImports(next);
  }
  if (startup.size === 0) throw new Error(`no entry in ${dist}.vite/manifest.json`);
  const lazy = Object.keys(manifest).filter(
    (key) => !startup.has(key) && manifest[key]?.file.endsWith('.js'),
  );
  const sized = (keys: Iterable<string>) =>
    Promise.all(
      [...keys].map(async (key) => {
        const path = manifest[key]?.file ?? '';
        return { path, gzipBytes: gzipSync(await readFile(`${dist}${path}`)).byteLength };
      }),
    );
  const files = await sized(startup);
  const gzipBytes = files.reduce((total, file) => total + file.gzipBytes, 0);
  return { files, gzipBytes, gzipKb: Math.round(gzipBytes / 100) / 10, lazy: await sized(lazy) };
}

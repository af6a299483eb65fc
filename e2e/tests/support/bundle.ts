import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

/** The iframe app's production build (`pnpm build`). */
export const IFRAME_DIST = fileURLToPath(new URL('../../../apps/iframe/dist/', import.meta.url));

/** The budget for the JS the app loads at start-up, gzip, in KB (1,000 bytes). */
export const INITIAL_JS_BUDGET_KB = 80;

export interface InitialJs {
  files: { path: string; gzipBytes: number }[];
  gzipBytes: number;
  gzipKb: number;
}

interface ManifestChunk {
  file: string;
  isEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
}

/**
 * The JS the app loads at start-up: the entry and every chunk it imports, statically or
 * dynamically (the entry imports the UI at once, so a split must not hide it from the budget),
 * each file gzipped at the default level, as servers send it. Read from Vite's build manifest.
 */
export async function initialJs(dist = IFRAME_DIST): Promise<InitialJs> {
  const manifest = JSON.parse(await readFile(`${dist}.vite/manifest.json`, 'utf8')) as Record<
    string,
    ManifestChunk
  >;
  const seen = new Set<string>();
  const visit = (key: string) => {
    const chunk = manifest[key];
    if (chunk === undefined || seen.has(key)) return;
    seen.add(key);
    for (const next of [...(chunk.imports ?? []), ...(chunk.dynamicImports ?? [])]) visit(next);
  };
  for (const [key, chunk] of Object.entries(manifest)) if (chunk.isEntry) visit(key);
  if (seen.size === 0) throw new Error(`no entry in ${dist}.vite/manifest.json`);
  const files = await Promise.all(
    [...seen].map(async (key) => {
      const path = manifest[key]?.file ?? '';
      return { path, gzipBytes: gzipSync(await readFile(`${dist}${path}`)).byteLength };
    }),
  );
  const gzipBytes = files.reduce((total, file) => total + file.gzipBytes, 0);
  return { files, gzipBytes, gzipKb: Math.round(gzipBytes / 100) / 10 };
}

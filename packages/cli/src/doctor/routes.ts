import { readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';

/** One route handler file of the API, as the doctor probes it. */
export interface ApiRoute {
  /** The route file, relative to where the doctor was started. */
  file: string;
  /** Its URL path; a dynamic segment (`[id]`) becomes {@link PLACEHOLDER}. */
  path: string;
  /** The HTTP methods it exports, in {@link METHODS} order. */
  methods: string[];
}

/** The HTTP methods a Next.js route handler may export. */
const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;

/** A value for a dynamic segment that any id parser accepts and no row has. */
const PLACEHOLDER = '00000000-0000-0000-0000-000000000000';

const ROUTE_FILE = /^route\.(ts|tsx|js|jsx|mjs)$/;

/**
 * Every `route.*` file under `dir` (the API's `src/app/api`) with its path and exported methods,
 * sorted by file. Catch-all routes (`[...x]`, `[[...x]]`) answer any path and have none of their
 * own: they are listed in `skipped`. Private folders (`_x`) are not routed; groups (`(x)`) add
 * no segment.
 */
export async function listApiRoutes(
  dir: string,
): Promise<{ routes: ApiRoute[]; skipped: string[] }> {
  const from = process.env.INIT_CWD ?? process.cwd();
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const names = entries
    .filter((entry) => entry.isFile() && ROUTE_FILE.test(entry.name))
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)))
    .sort();
  const routes: ApiRoute[] = [];
  const skipped: string[] = [];
  for (const name of names) {
    const segments = name.split(sep).slice(0, -1);
    if (segments.some((segment) => segment.startsWith('_'))) continue;
    const file = relative(from, join(dir, name));
    if (segments.some((segment) => /^\[{1,2}\.\.\./.test(segment))) {
      skipped.push(file);
      continue;
    }
    const path = segments
      .filter((segment) => !/^\(.*\)$/.test(segment))
      .map((segment) => (/^\[.+\]$/.test(segment) ? PLACEHOLDER : segment));
    const methods = exportedMethods(await readFile(join(dir, name), 'utf8'));
    routes.push({ file, path: ['/api', ...path].join('/'), methods });
  }
  return { routes, skipped };
}

/**
 * The HTTP methods a route file exports, read from its source in every form route files use:
 * `export const { GET, …, OPTIONS } = route({ GET: …, POST: … })` (the methods declared in the
 * call, of those exported), `export const GET = …`,
 * `export [async] function GET`, and `export { handler as GET }`. Comments are ignored.
 */
export function exportedMethods(source: string): string[] {
  const code = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:\\])\/\/.*$/gm, '$1');
  const names = new Set<string>();
  // export const { A, b: B, C = x, ...rest } = …: the exported names are the bindings.
  for (const [, pattern = ''] of code.matchAll(/\bexport\s+(?:const|let|var)\s*\{([^}]*)\}\s*=/g)) {
    for (const part of pattern.split(',')) {
      const binding = (part.split(':').at(-1) ?? '').split('=')[0] ?? '';
      names.add(binding.replace('...', '').trim());
    }
  }
  for (const [, name = ''] of code.matchAll(/\bexport\s+(?:const|let|var)\s+([\w$]+)/g)) {
    names.add(name);
  }
  for (const [, name = ''] of code.matchAll(/\bexport\s+(?:async\s+)?function\s*\*?\s*([\w$]+)/g)) {
    names.add(name);
  }
  // export { a as GET, OPTIONS } [from '…'], but not export type { … }.
  for (const [, list = ''] of code.matchAll(/\bexport\s*\{([^}]*)\}/g)) {
    for (const part of list.split(',')) {
      const words = part.trim().split(/\s+/);
      if (words[0] === 'type') continue;
      names.add(words.at(-1) ?? '');
    }
  }
  // The route helper's files export every method and answer the undeclared ones 405: what the
  // route serves are the keys of the object given to route({ … }).
  const helper = /\bexport\s+const\s*\{[^}]*\}\s*=\s*route\s*\(([\s\S]*)$/.exec(code);
  if (helper) {
    const declared = new Set(['OPTIONS']);
    for (const [, key] of (helper[1] ?? '').matchAll(/\b(GET|POST|PUT|PATCH|DELETE)\s*:/g)) {
      declared.add(key ?? '');
    }
    return METHODS.filter((method) => names.has(method) && declared.has(method));
  }
  return METHODS.filter((method) => names.has(method));
}

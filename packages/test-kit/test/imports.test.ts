/**
 * The repository's rule: no package imports another package's files by relative path; it depends
 * on the package and imports its exports. A lint rule cannot see package boundaries (Biome's
 * noRestrictedImports matches the written specifier, not where it lands), so this test resolves
 * every relative import of every source file to the package that owns it.
 */
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const SOURCE = /\.(?:[cm]?[jt]s|tsx)$/;
/** Build output, dependencies and machine-local folders: nothing written by hand. */
const SKIPPED = new Set([
  'node_modules',
  '.git',
  'dist',
  '.next',
  '.data',
  '.tools',
  'coverage',
  'reports',
  'test-results',
  'playwright-report',
]);
/** `from '…'`, `import '…'`, `import('…')`, `vi.mock('…')`, `require('…')`. */
const SPECIFIER =
  /(?:\bfrom\s*|^\s*import\s*|\bimport\s*\(\s*|\bvi\.mock\(\s*|\brequire\(\s*)['"]([^'"\n]+)['"]/gm;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (SKIPPED.has(entry.name)) return [];
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return SOURCE.test(entry.name) ? [path] : [];
  });
}

/**
 * The folder of the nearest package.json at or above `path`, within `root`. Generated folders are
 * no packages, even with a package.json (Next writes one in .next/): their files are the app's.
 */
function packageOf(root: string, path: string): string {
  for (let dir = dirname(path); dir.startsWith(root); dir = dirname(dir)) {
    const generated = relative(root, dir)
      .split(sep)
      .some((segment) => SKIPPED.has(segment));
    if (!generated && existsSync(join(dir, 'package.json'))) return dir;
  }
  return root;
}

interface PackageJson {
  name?: string;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
}

const readPackage = (dir: string): PackageJson =>
  JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as PackageJson;

/** Comments may quote imports (as this file's do); only code counts. */
function withoutComments(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
}

/**
 * Every import in `root` that breaks the rule, as `file: specifier (why)`: a relative path into
 * another package, or a workspace package the importing package does not declare.
 */
function importViolations(root: string): string[] {
  const files = sourceFiles(root);
  const workspaceNames = new Set(
    [...new Set(files.map((file) => packageOf(root, file)))]
      .map((dir) => readPackage(dir).name)
      .filter((name): name is string => name !== undefined),
  );
  const violations: string[] = [];
  for (const file of files) {
    const owner = packageOf(root, file);
    const manifest = readPackage(owner);
    const declared = new Set(
      Object.keys({
        ...manifest.dependencies,
        ...manifest.devDependencies,
        ...manifest.peerDependencies,
      }),
    );
    const where = relative(root, file);
    for (const [, specifier = ''] of withoutComments(readFileSync(file, 'utf8')).matchAll(
      SPECIFIER,
    )) {
      if (specifier.startsWith('.')) {
        const target = resolve(dirname(file), specifier);
        if (packageOf(root, target) !== owner) {
          violations.push(`${where}: ${specifier} (another package's file by relative path)`);
        }
        continue;
      }
      const name = specifier
        .split('/')
        .slice(0, specifier.startsWith('@') ? 2 : 1)
        .join('/');
      if (workspaceNames.has(name) && name !== manifest.name && !declared.has(name)) {
        violations.push(`${where}: ${specifier} (${name} is not in its package.json)`);
      }
    }
  }
  return violations;
}

describe('imports between packages', () => {
  it('go through declared package exports, never relative paths into another package', () => {
    expect(importViolations(ROOT)).toEqual([]);
  });

  it('are caught when they break the rule', () => {
    const root = mkdtempSync(join(tmpdir(), 'imports-'));
    const write = (path: string, text: string) => {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), text);
    };
    write('package.json', '{ "name": "root" }');
    write(
      'apps/a/package.json',
      '{ "name": "@x/a", "devDependencies": { "@x/b": "workspace:*" } }',
    );
    write('packages/b/package.json', '{ "name": "@x/b" }');
    write('packages/c/package.json', '{ "name": "@x/c" }');
    write('packages/b/src/index.ts', 'export const b = 1;\n');
    write('packages/c/src/index.ts', 'export const c = 1;\n');
    // Specifiers are spliced in, so that this file's own text holds no import to flag.
    const q = (specifier: string) => `'${specifier}'`;
    write(
      'apps/a/src/main.ts',
      [
        `import { b } from ${q('@x/b')};`,
        `import { helper } from ${q('../test/helper.ts')};`,
        `// import { c } from ${q('../../../packages/c/src/index.ts')}; is a comment`,
        `import { c } from ${q('../../../packages/c/src/index.ts')};`,
        `export { c as again } from ${q('@x/c')};`,
        `const later = await import(${q('../../../packages/b/src/index.ts')});`,
      ].join('\n'),
    );
    write('apps/a/test/helper.ts', 'export const helper = 1;\n');
    write('apps/a/.next/package.json', '{ "type": "commonjs" }');
    write('apps/a/.next/types/routes.d.ts', 'export {};\n');
    write('apps/a/next-env.d.ts', `import ${q('./.next/types/routes.d.ts')};\n`);
    expect(importViolations(root)).toEqual([
      "apps/a/src/main.ts: ../../../packages/c/src/index.ts (another package's file by relative path)",
      'apps/a/src/main.ts: @x/c (@x/c is not in its package.json)',
      "apps/a/src/main.ts: ../../../packages/b/src/index.ts (another package's file by relative path)",
    ]);
  });
});

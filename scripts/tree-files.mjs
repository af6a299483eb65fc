// The repository's own files, for the scripts that read the whole tree (the markdown link check,
// pnpm remove-demo): everything under a root but dependencies, build, test and tool output, and
// git's own folder.
import { readdirSync } from 'node:fs';
import path from 'node:path';

/** Folders never searched. */
const SKIPPED_FOLDERS = new Set([
  'node_modules',
  '.next',
  'dist',
  'test-results',
  'reports',
  'playwright-report',
  'coverage',
  '.git',
  '.tools',
  '.data',
]);

/** Every file under `root`, as paths relative to it with `/` separators, sorted. */
export function treeFiles(root) {
  const found = [];
  const walk = (folder) => {
    for (const entry of readdirSync(path.join(root, folder), { withFileTypes: true })) {
      const relative = folder ? `${folder}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        if (!SKIPPED_FOLDERS.has(entry.name)) walk(relative);
      } else if (entry.isFile()) {
        found.push(relative);
      }
    }
  };
  walk('');
  return found.sort();
}

#!/usr/bin/env node
// `pnpm remove-demo [--yes]`: deletes the demo (the notes feature) so that a partner starts from
// the platform alone. What belongs to the demo is listed in one place, scripts/remove-demo.json:
//
//   files       paths removed whole (files or folders)
//   regions     files in which every block from a `demo:start` line to the next `demo:end` line
//               is removed, both lines included. A marker is a line holding only the comment:
//               `// demo:start`, `/* demo:start */`, `{/* demo:start */}`, `<!-- demo:start -->`
//               or `# demo:start` (so prose that names the markers is not one)
//   lines       in each file, every line holding one of the texts is removed: rows of a
//               markdown table, which a comment line would break
//   json        keys removed from JSON files, which allow no comments
//   migrations  the demo's migrations: removed, and the journal left empty
//   data        the embedded database's folders, reset (their data belongs to the old schema)
//   mentions    words only the demo uses: none may remain once it is gone, except in
//   records     the last `pnpm bench` run's results, which keep the demo's rows until the next run
//
// Then the edited files lose the imports only the demo used and are formatted (biome).
// Asks before changing anything; `--yes` skips the question. Refuses, changing nothing, when the
// tree is not as the manifest says (a missing file, a marker outside the listed files, a
// migration that is not the demo's).
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline/promises';
import { fileURLToPath } from 'node:url';
import { treeFiles } from './tree-files.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const MANIFEST = 'scripts/remove-demo.json';
const START = 'demo:start';
const END = 'demo:end';
/** A line holding only a marker comment; group 1 is `start` or `end`. */
export const MARKER = /^\s*(?:\/\/|\/\*|\{\/\*|<!--|#)\s*demo:(start|end)\s*(?:\*\/\}?|-->)?\s*$/;
const at = (file) => path.join(ROOT, file);

/**
 * `text` without its demo regions. A removal that would leave two blank lines in a row, or a
 * blank line at the start or end, drops the extra one.
 * @throws Error naming the file and line of an unmatched or nested marker.
 */
export function withoutRegions(text, file) {
  const kept = [];
  let openedAt = 0;
  let justRemoved = false;
  text.split('\n').forEach((line, index) => {
    const marker = MARKER.exec(line)?.[1];
    if (marker === 'start') {
      if (openedAt)
        throw new Error(`${file}:${index + 1}: ${START} inside the region of line ${openedAt}`);
      openedAt = index + 1;
    } else if (marker === 'end') {
      if (!openedAt) throw new Error(`${file}:${index + 1}: ${END} without ${START}`);
      openedAt = 0;
      justRemoved = true;
    } else if (!openedAt) {
      const blank = line.trim() === '';
      if (!(justRemoved && blank && (kept.length === 0 || kept.at(-1).trim() === '')))
        kept.push(line);
      justRemoved = false;
    }
  });
  if (openedAt) throw new Error(`${file}:${openedAt}: ${START} without ${END}`);
  while (kept.length > 1 && kept.at(-1) === '' && kept.at(-2).trim() === '') kept.pop();
  return kept.join('\n');
}

export function readManifest() {
  return JSON.parse(readFileSync(at(MANIFEST), 'utf8'));
}

/** Everything wrong with the tree for this manifest; empty when the removal can run. */
export function problems(manifest) {
  const found = [];
  const named = [...manifest.lines, ...manifest.json].map((entry) => entry.file);
  for (const file of [...manifest.files, ...manifest.regions, ...named]) {
    if (!existsSync(at(file))) found.push(`${file} is listed in ${MANIFEST} but does not exist`);
  }
  for (const { file, containing } of manifest.lines) {
    const text = existsSync(at(file)) ? readFileSync(at(file), 'utf8') : '';
    for (const part of containing) {
      if (!text.includes(part)) found.push(`${file} has no line holding ${JSON.stringify(part)}`);
    }
  }
  const listed = new Set(manifest.regions);
  const removed = (file) => manifest.files.some((f) => file === f || file.startsWith(`${f}/`));
  for (const file of treeFiles(ROOT)) {
    if (removed(file) || file === MANIFEST) continue;
    const text = readFileSync(at(file), 'utf8');
    if (!text.split('\n').some((line) => MARKER.test(line))) {
      if (listed.has(file)) found.push(`${file} is listed under regions but has no ${START}`);
      continue;
    }
    if (!listed.has(file)) found.push(`${file} has demo markers but is not listed under regions`);
    try {
      withoutRegions(text, file);
    } catch (error) {
      found.push(error.message);
    }
  }
  const { folder, tags } = manifest.migrations;
  for (const entry of journal(folder).entries) {
    if (!tags.includes(entry.tag)) {
      found.push(
        `${folder} holds a migration that is not the demo's (${entry.tag}): this command is for a ` +
          'fresh starter; drop the demo tables with a migration of your own instead',
      );
    }
  }
  return found;
}

const journalFile = (folder) => at(path.join(folder, 'meta', '_journal.json'));
const journal = (folder) => JSON.parse(readFileSync(journalFile(folder), 'utf8'));

function remove(manifest) {
  for (const file of manifest.regions) {
    writeFileSync(at(file), withoutRegions(readFileSync(at(file), 'utf8'), file));
  }
  for (const { file, containing } of manifest.lines) {
    const lines = readFileSync(at(file), 'utf8').split('\n');
    const kept = lines.filter((line) => !containing.some((part) => line.includes(part)));
    writeFileSync(at(file), kept.join('\n'));
  }
  for (const { file, keys } of manifest.json) {
    const json = JSON.parse(readFileSync(at(file), 'utf8'));
    for (const key of keys) {
      const names = key.split('.');
      const last = names.pop();
      const parent = names.reduce((object, name) => object?.[name], json);
      if (parent) delete parent[last];
    }
    writeFileSync(at(file), `${JSON.stringify(json, null, 2)}\n`);
  }
  // The journal is emptied rather than deleted: drizzle-kit's next `generate` numbers from it
  // (0000_…) and diffs against no snapshot, so the partner's first table starts the history.
  const { folder } = manifest.migrations;
  const emptied = journal(folder);
  for (const entry of emptied.entries) {
    rmSync(at(path.join(folder, `${entry.tag}.sql`)), { force: true });
    const snapshot = `${String(entry.idx).padStart(4, '0')}_snapshot.json`;
    rmSync(at(path.join(folder, 'meta', snapshot)), { force: true });
  }
  emptied.entries = [];
  writeFileSync(journalFile(folder), `${JSON.stringify(emptied, null, 2)}\n`);
  for (const file of [...manifest.files, ...manifest.data]) {
    rmSync(at(file), { recursive: true, force: true });
  }
}

/** Files that still hold one of the demo's words, as `file: word`. */
export function mentions(manifest) {
  const found = [];
  for (const file of treeFiles(ROOT)) {
    if (manifest.records.includes(file)) continue;
    const text = readFileSync(at(file), 'utf8');
    for (const word of manifest.mentions) if (text.includes(word)) found.push(`${file}: ${word}`);
  }
  return found;
}

/**
 * The files `remove` edited, tidied as `pnpm format` would, plus the imports only the demo used
 * dropped: a region cannot take its share of a shared import line with it. Nothing else changes.
 */
function tidy(manifest) {
  const edited = [...manifest.regions, ...manifest.json.map((entry) => entry.file)];
  const biome = (...args) =>
    execFileSync('pnpm', ['exec', 'biome', ...args, '--no-errors-on-unmatched', ...edited], {
      cwd: ROOT,
      stdio: 'inherit',
    });
  biome('lint', '--only=correctness/noUnusedImports', '--write', '--unsafe');
  biome('format', '--write');
}

async function confirmed(manifest) {
  if (process.argv.includes('--yes')) return true;
  console.log(
    'This deletes the demo (the notes feature) from this tree: its routes, table and migration,\n' +
      `panel, tests, settings and docs (${manifest.files.length} paths, regions in ` +
      `${manifest.regions.length} files), and resets the embedded database (${manifest.data.join(', ')}).`,
  );
  if (!process.stdin.isTTY) {
    console.error('remove-demo: no terminal to ask; run `pnpm remove-demo --yes` to go ahead.');
    return false;
  }
  const prompt = createInterface({ input: process.stdin, output: process.stdout });
  const answer = await prompt.question('Remove the demo? [y/N] ');
  prompt.close();
  return /^y(es)?$/i.test(answer.trim());
}

async function main() {
  const manifest = readManifest();
  const found = problems(manifest);
  if (found.length > 0) {
    console.error(`remove-demo: nothing changed.\n${found.map((p) => `  - ${p}`).join('\n')}`);
    process.exit(1);
  }
  if (!(await confirmed(manifest))) process.exit(1);
  remove(manifest);
  tidy(manifest);
  const left = mentions(manifest);
  if (left.length > 0) {
    console.error(
      `remove-demo: the demo is still mentioned:\n${left.map((m) => `  - ${m}`).join('\n')}`,
    );
    process.exit(1);
  }
  console.log(
    'The demo is removed. Check the tree with `pnpm typecheck && pnpm lint && pnpm test`, then\n' +
      'add your first feature: docs/add-a-feature.md.',
  );
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();

// `node scripts/docs-examples.mjs GUIDE`: follows GUIDE in the current folder, as a partner
// would: its code blocks written where their markers say and its commands run, in its order.
// The browser test does so with docs/add-a-feature.md on a copy of the repository
// (e2e/tests/add-a-feature.spec.ts), so the guide cannot drift from what works. Each such block
// has a marker, an HTML comment alone on the line before its fence:
//
//   <!-- example: create PATH -->                the block is a new file, whole
//   <!-- example: append PATH -->                the block goes at the end of an existing file,
//                                                after one blank line
//   <!-- example: insert PATH before "TEXT" -->  the block's lines go right before the one line
//                                                of an existing file that holds TEXT
//   <!-- example: run -->                        the block is shell commands, run from the root
//
// PATH is relative to the repository's root, with `/`; TEXT holds no `"`. Files end with a
// newline. A marker that does not parse, or has no fenced block right after it, is an error: a
// typo must not drop a block silently.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const MARKER_START = '<!-- example:';
const MARKER =
  /^<!-- example: (?:(?<action>create|append) (?<file>\S+)|insert (?<insertFile>\S+) before "(?<before>[^"]+)"|(?<run>run)) -->$/;
const FENCE = /^(`{3,}|~{3,})/;

/** A relative path inside the root: no leading `/`, no `..`, no backslash. */
function checkPath(file, line) {
  const parts = file.split('/');
  if (file.startsWith('/') || file.includes('\\') || parts.some((p) => p === '' || p === '..')) {
    throw new Error(`line ${line}: "${file}" is not a path inside the repository`);
  }
  return file;
}

/**
 * The marked code blocks of `markdown`, in order: `{ line, action, file, before, code }` (`line`
 * is the marker's, from 1; `file` is absent for `run`, `before` present for `insert` only).
 * @throws Error naming the line of a marker that does not parse or has no code block after it.
 */
export function parseExamples(markdown) {
  const lines = markdown.split('\n');
  const closing = (fence, from) =>
    lines.findIndex((l, index) => index > from && l.startsWith(fence));
  const examples = [];
  for (let at = 0; at < lines.length; at += 1) {
    const text = lines[at].trim();
    // A block without a marker is prose's: a marker shown inside it is not one.
    const unmarked = FENCE.exec(lines[at])?.[1];
    if (unmarked) {
      const end = closing(unmarked, at);
      at = end === -1 ? lines.length : end;
      continue;
    }
    if (!text.startsWith(MARKER_START)) continue;
    const line = at + 1;
    const groups = MARKER.exec(text)?.groups;
    if (!groups) throw new Error(`line ${line}: not an example marker: ${text}`);
    const fence = FENCE.exec(lines[at + 1] ?? '')?.[1];
    if (!fence) throw new Error(`line ${line}: no code block right after the marker`);
    const end = closing(fence, at + 1);
    if (end === -1) throw new Error(`line ${line}: the code block is not closed`);
    const code = lines.slice(at + 2, end).join('\n');
    if (groups.run) examples.push({ line, action: 'run', code });
    else if (groups.before) {
      const file = checkPath(groups.insertFile, line);
      examples.push({ line, action: 'insert', file, before: groups.before, code });
    } else examples.push({ line, action: groups.action, file: checkPath(groups.file, line), code });
    at = end;
  }
  return examples;
}

/**
 * Writes the file examples into the folder `root`, in order (a block may append to a file an
 * earlier one created); `run` examples are left to the caller. Returns the files written.
 * @throws Error naming the marker's line when a file to create exists, a file to change does
 * not, or an insert's TEXT is not on exactly one line.
 */
export function applyExamples(root, examples) {
  const written = [];
  for (const example of examples) {
    if (example.action === 'run') continue;
    const target = path.join(root, example.file);
    const fail = (why) => {
      throw new Error(`line ${example.line}: ${example.action} ${example.file}: ${why}`);
    };
    if (example.action === 'create') {
      if (existsSync(target)) fail('the file exists already');
      mkdirSync(path.dirname(target), { recursive: true });
      writeFileSync(target, `${example.code}\n`);
    } else {
      if (!existsSync(target)) fail('no such file');
      const text = readFileSync(target, 'utf8');
      if (example.action === 'append') {
        writeFileSync(target, `${text.replace(/\n+$/, '')}\n\n${example.code}\n`);
      } else {
        const lines = text.split('\n');
        const holding = lines.flatMap((line, index) =>
          line.includes(example.before) ? [index] : [],
        );
        if (holding.length !== 1) {
          fail(`"${example.before}" is on ${holding.length} lines, not exactly one`);
        }
        lines.splice(holding[0], 0, ...example.code.split('\n'));
        writeFileSync(target, lines.join('\n'));
      }
    }
    if (!written.includes(example.file)) written.push(example.file);
  }
  return written;
}

/** Follows the guide at `guide` in the current folder; exits non-zero at the first failure. */
function follow(guide) {
  for (const example of parseExamples(readFileSync(guide, 'utf8'))) {
    if (example.action !== 'run') {
      applyExamples('.', [example]);
      console.log(`${example.action} ${example.file}`);
      continue;
    }
    console.log(`$ ${example.code}`);
    const { status, error } = spawnSync('/bin/sh', ['-e', '-c', example.code], {
      stdio: 'inherit',
    });
    if (error) throw error;
    if (status !== 0) throw new Error(`line ${example.line}: the commands exited with ${status}`);
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [guide] = process.argv.slice(2);
  try {
    if (guide === undefined) throw new Error('name the guide: docs-examples.mjs GUIDE');
    follow(guide);
  } catch (error) {
    console.error(`docs-examples: ${error.message}`);
    process.exit(1);
  }
}

// Code blocks in the docs that claim to be copied from a file (an HTML comment
// `<!-- snippet: path/from/the/root -->` on the line before the fence) must still be in that
// file, line for line: the docs cannot drift from the code they show.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { markdownFiles } from './markdown-links.mjs';

const MARKER = /^<!-- snippet: (\S+) -->$/;

/** Each claimed snippet of `markdown`: the file it names, its code, and the marker's line. */
export function findSnippets(markdown) {
  const lines = markdown.split('\n');
  const snippets = [];
  for (let at = 0; at < lines.length; at += 1) {
    const marker = MARKER.exec(lines[at].trim());
    if (!marker) continue;
    const fence = lines[at + 1]?.match(/^(`{3,})/)?.[1];
    if (!fence) {
      snippets.push({ file: marker[1], line: at + 1, code: undefined });
      continue;
    }
    const end = lines.findIndex((line, index) => index > at + 1 && line.startsWith(fence));
    snippets.push({ file: marker[1], line: at + 1, code: lines.slice(at + 2, end).join('\n') });
  }
  return snippets;
}

/** Every snippet of the repository's markdown whose file no longer holds it, as `doc:line: why`. */
export function staleSnippets(root) {
  const problems = [];
  for (const doc of markdownFiles(root)) {
    for (const snippet of findSnippets(readFileSync(join(root, doc), 'utf8'))) {
      const where = `${doc}:${snippet.line}: ${snippet.file}`;
      const path = join(root, snippet.file);
      if (snippet.code === undefined) problems.push(`${where}: no code block after the marker`);
      else if (!existsSync(path)) problems.push(`${where}: no such file`);
      else if (!readFileSync(path, 'utf8').includes(snippet.code)) {
        problems.push(`${where}: the file no longer holds this code`);
      }
    }
  }
  return problems;
}

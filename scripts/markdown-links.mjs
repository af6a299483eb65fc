// Finds the relative links of the repository's markdown files that do not resolve: a file or
// folder that does not exist, or a #fragment naming no heading of the markdown file it points
// into. A small parser, not a full CommonMark one: it reads inline links and images
// `[text](target)`, reference definitions `[label]: target` and HTML `<a href>` / `<img src>`,
// outside fenced code blocks, code spans and HTML comments; anchors are ATX and setext headings (slugged as
// GitHub does) and HTML `id` / `name` attributes.
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { treeFiles } from './tree-files.mjs';

/** Every `.md` file under `root`, as paths relative to it with `/` separators, sorted. */
export function markdownFiles(root) {
  return treeFiles(root).filter((file) => file.toLowerCase().endsWith('.md'));
}

const FENCE = /^\s*(`{3,}|~{3,})(.*)$/;

/**
 * The text with fenced code blocks, code spans and HTML comments blanked (replaced by spaces,
 * newlines kept), so that offsets and line numbers still match the original.
 */
function withoutCode(markdown) {
  const lines = markdown.split('\n');
  let fence;
  const prose = lines.map((line) => {
    const match = FENCE.exec(line);
    if (fence) {
      const closes =
        match &&
        match[1][0] === fence[0] &&
        match[1].length >= fence.length &&
        match[2].trim() === '';
      if (closes) fence = undefined;
      return ' '.repeat(line.length);
    }
    // A backtick fence's info string holds no backtick; otherwise the line is a code span.
    if (match && !(match[1][0] === '`' && match[2].includes('`'))) {
      fence = match[1];
      return ' '.repeat(line.length);
    }
    return line;
  });
  const blank = (text) => text.replace(/[^\n]/g, ' ');
  return (
    prose
      .join('\n')
      // A code span: a run of backticks up to the next run of the same length, in one paragraph.
      .replace(/(?<!`)(`+)(?!`)((?:(?!\n[ \t]*\n)[\s\S])*?)(?<!`)\1(?!`)/g, blank)
      .replace(/<!--[\s\S]*?-->/g, blank)
  );
}

const lineOf = (text, offset) => text.slice(0, offset).split('\n').length;

/**
 * Inline links and images: the text (one level of nested brackets, for an image inside a link),
 * then the destination, which may hold one level of balanced parentheses, and an optional title.
 */
const INLINE_LINK =
  /!?\[((?:[^[\]]|\[[^[\]]*\])*)\]\(\s*(<[^>\n]*>|[^\s()<]*(?:\([^\s()]*\)[^\s()]*)*)(?:\s+(?:"[^"]*"|'[^']*'|\([^)]*\)))?\s*\)/g;
const REFERENCE_DEFINITION = /^ {0,3}\[(?!\^)[^\]]+\]:[ \t]*(<[^>\n]*>|\S+)/gm;
const HTML_LINK = /<(?:a|img)\b[^>]*?\s(?:href|src)\s*=\s*(?:"([^"]*)"|'([^']*)')/gi;

/** Every link target of a markdown text, with its line. */
export function findLinks(markdown) {
  const prose = withoutCode(markdown);
  const links = [];
  const add = (target, offset) => {
    const bare = target.startsWith('<') && target.endsWith('>') ? target.slice(1, -1) : target;
    links.push({ target: bare, line: lineOf(prose, offset) });
  };
  const inline = (text, start) => {
    for (const match of text.matchAll(INLINE_LINK)) {
      add(match[2], start + match.index);
      // An image inside a link's text: `[![alt](image)](target)`.
      inline(match[1], start + match.index + match[0].indexOf('[') + 1);
    }
  };
  inline(prose, 0);
  for (const match of prose.matchAll(REFERENCE_DEFINITION)) add(match[1], match.index);
  for (const match of prose.matchAll(HTML_LINK)) add(match[1] ?? match[2], match.index);
  return links.sort((a, b) => a.line - b.line);
}

/** GitHub's heading slug: lower case, punctuation and symbols dropped, each space a hyphen. */
export function slug(text) {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
    .replace(/ /g, '-');
}

const ATX_HEADING = /^ {0,3}#{1,6}(?:[ \t]|$)/;
const SETEXT_UNDERLINE = /^ {0,3}(?:=+|-+)[ \t]*$/;
const HTML_ANCHOR = /<[a-z][^>]*?\s(?:id|name)\s*=\s*"([^"]*)"/gi;

/** A heading's text as GitHub renders it: code spans' content, links' text, no tags. */
function headingText(source) {
  return source
    .replace(/(`+)([\s\S]*?)\1/g, (_, _ticks, code) => code.trim())
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/<[^>]+>/g, '')
    .trim();
}

/** The fragments a markdown text answers: its headings' slugs and its HTML ids and names. */
export function anchors(markdown) {
  const lines = markdown.split('\n');
  const prose = withoutCode(markdown).split('\n');
  const found = new Set();
  const seen = new Map();
  const addHeading = (source) => {
    const base = slug(headingText(source));
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    found.add(count === 0 ? base : `${base}-${count}`);
  };
  prose.forEach((line, index) => {
    if (ATX_HEADING.test(line)) {
      addHeading(lines[index].replace(/^ {0,3}#{1,6}[ \t]*/, '').replace(/[ \t]+#+[ \t]*$/, ''));
      return;
    }
    const previous = prose[index - 1];
    const setext = SETEXT_UNDERLINE.test(line);
    const paragraph =
      previous !== undefined &&
      previous.trim() !== '' &&
      !/^\s*([-*+>|#]|\d+[.)])/.test(previous) &&
      !SETEXT_UNDERLINE.test(previous);
    if (setext && paragraph) addHeading(lines[index - 1]);
  });
  for (const match of withoutCode(markdown).matchAll(HTML_ANCHOR)) found.add(match[1]);
  return found;
}

const EXTERNAL = /^(?:[a-z][a-z0-9+.-]*:|\/\/)/i;

/**
 * Every relative link of the repository's markdown that does not resolve, as
 * `file:line: target: reason`; none when all do.
 */
export function brokenLinks(root) {
  const anchorCache = new Map();
  const anchorsOf = (file) => {
    if (!anchorCache.has(file)) anchorCache.set(file, anchors(readFileSync(file, 'utf8')));
    return anchorCache.get(file);
  };
  const problems = [];
  for (const file of markdownFiles(root)) {
    const absolute = path.join(root, file);
    for (const { target, line } of findLinks(readFileSync(absolute, 'utf8'))) {
      if (target === '' || EXTERNAL.test(target)) continue;
      const report = (reason) => problems.push(`${file}:${line}: ${target}: ${reason}`);
      const hash = target.indexOf('#');
      const pathPart = (hash === -1 ? target : target.slice(0, hash)).replace(/\?.*$/, '');
      const fragment = hash === -1 ? undefined : target.slice(hash + 1);
      let resolved = absolute;
      if (pathPart !== '') {
        let decoded;
        try {
          decoded = decodeURIComponent(pathPart);
        } catch {
          report('not a valid URL path');
          continue;
        }
        resolved = decoded.startsWith('/')
          ? path.join(root, decoded)
          : path.resolve(path.dirname(absolute), decoded);
        const inside = path.relative(root, resolved);
        if (inside === '..' || inside.startsWith(`..${path.sep}`) || path.isAbsolute(inside)) {
          report('points outside the repository');
          continue;
        }
        if (!existsSync(resolved)) {
          report('no such file or folder');
          continue;
        }
      }
      if (fragment === undefined || fragment === '') continue;
      if (!resolved.toLowerCase().endsWith('.md') || !statSync(resolved).isFile()) continue;
      let wanted;
      try {
        wanted = decodeURIComponent(fragment);
      } catch {
        wanted = fragment;
      }
      if (!anchorsOf(resolved).has(wanted)) {
        const into = path.relative(root, resolved).split(path.sep).join('/');
        report(`no heading #${wanted} in ${into}`);
      }
    }
  }
  return problems;
}

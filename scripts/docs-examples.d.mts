// Types of docs-examples.mjs, for the TypeScript that imports it (the browser test).

/** One marked code block of a guide. */
export type Example =
  | { line: number; action: 'create' | 'append'; file: string; code: string }
  | { line: number; action: 'insert'; file: string; before: string; code: string }
  | { line: number; action: 'run'; code: string };

/** The marked code blocks of `markdown`, in order. */
export function parseExamples(markdown: string): Example[];

/** Writes the file examples into `root`, in order; returns the files written. */
export function applyExamples(root: string, examples: readonly Example[]): string[];

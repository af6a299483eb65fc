/**
 * A time-to-identity run kept as "before", so the report shows a change's effect step by step
 * beside the current run. Saved on purpose (`pnpm bench -- --save-identity-baseline`) from the
 * last run's measurements and committed, because a later run cannot measure code that is gone.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { IdentityResults, Step } from './identity.ts';

export const BASELINE_FILE = new URL('../identity-baseline.json', import.meta.url);

export interface IdentityBaseline {
  /** The commit that was measured (short hash), and when. */
  commit: string;
  date: string;
  loads: number;
  medianMs: number;
  p90Ms: number;
  /** Steps that run measured; a step added later is missing here. */
  steps: Partial<Record<Step, number>>;
  samples: number[];
}

export async function readBaseline(file = BASELINE_FILE): Promise<IdentityBaseline | undefined> {
  if (!existsSync(file)) return undefined;
  return JSON.parse(await readFile(file, 'utf8')) as IdentityBaseline;
}

export function baselineOf(
  identity: IdentityResults,
  date: string,
  commit: string,
): IdentityBaseline {
  const { loads, medianMs, p90Ms, steps, samples } = identity;
  return { commit, date, loads, medianMs, p90Ms, steps, samples };
}

export async function saveBaseline(
  baseline: IdentityBaseline,
  file = BASELINE_FILE,
): Promise<void> {
  await writeFile(file, `${JSON.stringify(baseline, null, 2)}\n`);
}

/** The checked-out commit, as the measured code; `unknown` outside a git work tree. */
export function currentCommit(): string {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], {
      cwd: fileURLToPath(new URL('.', import.meta.url)),
      encoding: 'utf8',
    }).trim();
  } catch {
    return 'unknown';
  }
}

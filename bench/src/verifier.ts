/** The verifier's own benchmark (`pnpm --filter @partner/auth bench`), run as one step. */
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const RESULTS = `${ROOT}packages/auth/bench/results.json`;

interface VerifierTarget {
  name: string;
  ratio: number;
  min: number;
  met: boolean;
}

export interface VerifierResults {
  targets: VerifierTarget[];
  uniqueOpsPerSec: number;
}

/** Runs it with its progress lines indented under this step, then reads what it wrote. */
export async function benchVerifier(log: (line: string) => void): Promise<VerifierResults> {
  const child = spawn('pnpm', ['--filter', '@partner/auth', 'bench'], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    output += chunk;
    for (const line of chunk.split('\n')) {
      if (/round|Scenario|Signing/.test(line)) log(line.trim());
    }
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  const code = await new Promise<number | null>((resolve) => child.once('close', resolve));
  if (code !== 0) throw new Error(`the verifier bench failed (${code}):\n${output}`);
  const results = JSON.parse(await readFile(RESULTS, 'utf8')) as {
    targets: VerifierTarget[];
    unique: { ops_per_sec: { ours: number } };
  };
  return { targets: results.targets, uniqueOpsPerSec: results.unique.ops_per_sec.ours };
}

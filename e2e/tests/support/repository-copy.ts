import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository this suite belongs to. */
export const REPOSITORY = fileURLToPath(new URL('../../../', import.meta.url));

/** How a command ended: its exit code and its stdout and stderr, interleaved. */
export interface CommandResult {
  code: number | null;
  output: string;
}

/** Runs `command` in `cwd` with the environment and `env` over it; never rejects on failure. */
export function runCommand(
  cwd: string,
  command: string,
  args: readonly string[],
  env: Record<string, string> = {},
): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const collect = (chunk: string) => {
      output += chunk;
    };
    child.stdout.setEncoding('utf8').on('data', collect);
    child.stderr.setEncoding('utf8').on('data', collect);
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, output }));
  });
}

/** A throw-away copy of the repository, installed. */
export interface RepositoryCopy {
  root: string;
  /** `runCommand` in the copy's root. */
  run(
    command: string,
    args: readonly string[],
    env?: Record<string, string>,
  ): Promise<CommandResult>;
  remove(): Promise<void>;
}

/**
 * Copies the repository's files to a temporary folder, as scripts/remove-demo-check.sh does:
 * the tracked ones and the new ones not ignored, so that work not yet committed is what runs;
 * then installs its dependencies from pnpm's store, without the network.
 * @throws Error with git's or pnpm's output when either fails; nothing is left behind then.
 */
export async function copyRepository(): Promise<RepositoryCopy> {
  const listed = await runCommand(REPOSITORY, 'git', [
    'ls-files',
    '-z',
    '--cached',
    '--others',
    '--exclude-standard',
  ]);
  if (listed.code !== 0) throw new Error(`git ls-files failed:\n${listed.output}`);
  const root = await mkdtemp(path.join(tmpdir(), 'repository-copy-'));
  const remove = () => rm(root, { recursive: true, force: true });
  try {
    // A tracked file deleted in the working tree is listed but absent: the copy lacks it too.
    const files = listed.output.split('\0').filter((file) => file !== '');
    for (const file of files.filter((file) => existsSync(path.join(REPOSITORY, file)))) {
      await cp(path.join(REPOSITORY, file), path.join(root, file));
    }
    const installed = await runCommand(root, 'pnpm', ['install', '--offline', '--frozen-lockfile']);
    if (installed.code !== 0) throw new Error(`pnpm install failed:\n${installed.output}`);
  } catch (error) {
    await remove();
    throw error;
  }
  return { root, run: (command, args, env) => runCommand(root, command, args, env), remove };
}

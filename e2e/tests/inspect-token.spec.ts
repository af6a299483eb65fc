import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { TOKEN_MODES } from '@intandem/mock-host/token-modes';
import { PRODUCTION_ENV } from './support/api-server.ts';
import { expect, test } from './support/fixtures.ts';
import { API } from './support/urls.ts';

// A token from each of the dev panel's modes, judged twice: by the running API and by
// `pnpm inspect-token` with the same settings. The two verdicts must be the same.

const TSX = fileURLToPath(new URL('../../packages/cli/node_modules/.bin/tsx', import.meta.url));
const INSPECT = fileURLToPath(new URL('../../packages/cli/src/inspect-token.ts', import.meta.url));

interface Verdict {
  status: number;
  code: string | null;
}

/** The inspector's `--json` answer for `token`, read from standard input as a user would paste it. */
function inspect(token: string): Promise<{ exit: number | null; verdict: Verdict }> {
  const child = spawn(TSX, [INSPECT, '-', '--json'], {
    env: { PATH: process.env.PATH ?? '', ...PRODUCTION_ENV },
  });
  let stdout = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stdin.end(token);
  return new Promise((resolve) =>
    child.on('close', (exit) => {
      const { answer } = JSON.parse(stdout) as { answer: { status: number; code?: string } };
      resolve({ exit, verdict: { status: answer.status, code: answer.code ?? null } });
    }),
  );
}

for (const mode of TOKEN_MODES) {
  test(`dev panel mode "${mode.label}": inspect-token gives the API's verdict`, async ({
    request,
    platform,
  }) => {
    const body = mode.request(Math.floor(Date.now() / 1000));
    const token = body === null ? await platform.issueToken() : await platform.mintToken(body);

    const response = await request.get(`${API}/api/me`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    const api: Verdict = {
      status: response.status(),
      code: response.ok() ? null : (await response.json()).error.code,
    };
    expect(api.code).toBe(mode.expectedCode);

    const { exit, verdict } = await inspect(token);
    expect(verdict).toEqual(api);
    expect(exit).toBe(api.status === 200 ? 0 : 1);
  });
}

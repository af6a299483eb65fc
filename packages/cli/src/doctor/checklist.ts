import type { CheckResult } from './check.ts';
import type { DoctorTargets } from './options.ts';

/** The lines the doctor prints: a header, one line per check, a total. */
export function formatChecklist(
  targets: DoctorTargets,
  results: readonly CheckResult[],
  envFiles: readonly string[],
): string {
  const from =
    envFiles.length > 0 ? `the environment and ${envFiles.join(', ')}` : 'the environment';
  const lines = [
    `Settings from ${from} (NODE_ENV=${targets.production ? 'production' : 'development'}).`,
    `API ${targets.apiUrl} · app ${targets.appUrl} · platform ${targets.hostOrigins.join(' ')}`,
    '',
  ];
  const width = Math.max(...results.map((result) => result.area.length));
  for (const { ok, area, summary, fix, details } of results) {
    const line = `${ok ? '✓' : '✗'} ${area.padEnd(width)}  ${summary}`;
    lines.push(ok || fix === undefined ? line : `${line} → ${fix}`);
    if (details !== undefined) {
      lines.push(
        ...details
          .trimEnd()
          .split('\n')
          .map((detail) => `    ${detail}`),
      );
    }
  }
  const failed = results.filter((result) => !result.ok).length;
  lines.push(
    '',
    failed === 0
      ? `All ${results.length} checks passed.`
      : `${failed} of ${results.length} checks failed.`,
  );
  return lines.join('\n');
}

import parseContentSecurityPolicy from 'content-security-policy-parser';
import { type CheckResult, fail, pass, request } from './check.ts';

/** The iframe app as served: does it answer, and who may frame it. */
interface AppAnswer {
  results: CheckResult[];
  /** The origins its `frame-ancestors` allows; `undefined` when it sends none. */
  frameAncestors: string[] | undefined;
}

/** The app answers, and its CSP `frame-ancestors` lists each platform origin and no wildcard. */
export async function checkApp(appUrl: string, hostOrigins: readonly string[]): Promise<AppAnswer> {
  const answer = await request(appUrl, { redirect: 'follow' });
  if ('error' in answer) {
    return {
      results: [
        fail('app', `${appUrl} ${answer.error}`, 'serve the app there, or name it with --app URL'),
      ],
      frameAncestors: undefined,
    };
  }
  const { status, headers } = answer.response;
  const results: CheckResult[] = [
    status >= 200 && status < 300
      ? pass('app', `${appUrl} answers ${status}`)
      : fail(
          'app',
          `${appUrl} answers ${status}`,
          'check --app and the server that hosts the build',
        ),
  ];
  const sources = frameAncestors(headers.get('content-security-policy'), new URL(appUrl).origin);
  const expected = hostOrigins.join(' ');
  const fix = `serve the app with Content-Security-Policy: frame-ancestors ${expected} (build it with VITE_HOST_ORIGINS=${hostOrigins.join(',')})`;
  if (sources === undefined) {
    results.push(
      fail('app', 'no CSP frame-ancestors: any site can frame the app (clickjacking)', fix),
    );
    return { results, frameAncestors: undefined };
  }
  const wildcards = sources.filter(
    (source) => source.includes('*') || /^[a-z][a-z0-9+.-]*:$/i.test(source),
  );
  const missing = hostOrigins.filter((origin) => !sources.includes(origin));
  if (wildcards.length > 0) {
    results.push(fail('app', `frame-ancestors allows any site of ${wildcards.join(' ')}`, fix));
  } else if (missing.length > 0) {
    results.push(
      fail(
        'app',
        `frame-ancestors lacks ${missing.join(' ')}: the platform cannot show the app`,
        fix,
      ),
    );
  } else {
    results.push(pass('app', `frame-ancestors lists ${expected}, no wildcard`));
  }
  return { results, frameAncestors: sources };
}

/**
 * The sources of the `frame-ancestors` directive, origins normalised (`'self'` becomes the app's
 * origin); `undefined` when no policy has the directive. Every policy in the header is enforced,
 * so with several the first that restricts framing is the one reported.
 */
export function frameAncestors(header: string | null, appOrigin: string): string[] | undefined {
  if (header === null) return undefined;
  // Several Content-Security-Policy headers arrive joined with commas, one policy each.
  for (const policy of header.split(',')) {
    const sources = parseContentSecurityPolicy(policy).get('frame-ancestors');
    if (sources === undefined) continue;
    return sources.map((source) => {
      if (source.toLowerCase() === "'self'") return appOrigin;
      const isUrl = /^https?:\/\//i.test(source) && !source.includes('*') && URL.canParse(source);
      return isUrl ? new URL(source).origin : source;
    });
  }
  return undefined;
}

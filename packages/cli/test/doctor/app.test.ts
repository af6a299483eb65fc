import { refusedUrl } from '@partner/test-kit/ports';
import { describe, expect, it } from 'vitest';
import { checkApp, frameAncestors } from '../../src/doctor/app.ts';
import type { CheckResult } from '../../src/doctor/check.ts';
import { closeServersAfterEach, startAppServer } from '../support/http-server.ts';

const PLATFORM = 'https://app.intandem.example';
const APP = 'https://notes.acme.example';

const started = closeServersAfterEach();
const failed = (results: CheckResult[]) => results.filter((result) => !result.ok);

describe('checkApp', () => {
  it('passes an app whose frame-ancestors lists each platform origin', async () => {
    const app = await started(
      startAppServer({
        'content-security-policy': `default-src 'self'; frame-ancestors ${PLATFORM}`,
      }),
    );
    const { results, frameAncestors: sources } = await checkApp(`${app.origin}/`, [PLATFORM]);
    expect(failed(results)).toEqual([]);
    expect(sources).toEqual([PLATFORM]);
  });

  it('fails an app served without frame-ancestors (clickjacking)', async () => {
    const app = await started(startAppServer({ 'x-content-type-options': 'nosniff' }));
    const { results, frameAncestors: sources } = await checkApp(app.origin, [PLATFORM]);
    const [problem] = failed(results);
    expect(problem?.summary).toMatch(/no CSP frame-ancestors/);
    expect(problem?.fix).toContain(`frame-ancestors ${PLATFORM}`);
    expect(sources).toBeUndefined();
  });

  it('fails a wildcard and a missing platform origin', async () => {
    const wildcard = await started(
      startAppServer({
        'content-security-policy': `frame-ancestors ${PLATFORM} https://*.example`,
      }),
    );
    expect(failed((await checkApp(wildcard.origin, [PLATFORM])).results)[0]?.summary).toMatch(
      /allows any site of https:\/\/\*\.example/,
    );
    const other = await started(
      startAppServer({ 'content-security-policy': "frame-ancestors 'self'" }),
    );
    expect(failed((await checkApp(other.origin, [PLATFORM])).results)[0]?.summary).toBe(
      `frame-ancestors lacks ${PLATFORM}: the platform cannot show the app`,
    );
  });

  it('fails an app that does not answer', async () => {
    const url = await refusedUrl('/');
    expect(failed((await checkApp(url, [PLATFORM])).results)[0]?.summary).toBe(
      `${url} not reachable`,
    );
  });
});

describe('frameAncestors', () => {
  it('reads the directive from any of several policies, normalising origins', () => {
    expect(
      frameAncestors(`default-src 'self', frame-ancestors 'self' ${PLATFORM}/ https:`, APP),
    ).toEqual([APP, PLATFORM, 'https:']);
    expect(frameAncestors("default-src 'self'", APP)).toBeUndefined();
    expect(frameAncestors(null, APP)).toBeUndefined();
  });
});

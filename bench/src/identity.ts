/**
 * Time to identity in Chromium on the production builds: from opening the host page to the
 * staff member's uid on screen, in fresh browser contexts, split by the app's performance marks
 * and the two documents' navigation timing.
 */

import { HOST_MARKS } from '@intandem/mock-host/timing';
import { CHROMIUM_LAUNCH } from '@partner/e2e/chromium';
import { MARKS } from '@partner/iframe/timing';
import { localApps } from '@partner/test-kit/ports';
import { type Browser, type CDPSession, chromium } from '@playwright/test';
import { median, percentile, round } from './stats.ts';

/** Where `pnpm start` serves the three apps (API_PORT, HOST_PORT, APP_PORT). */
const { api: API, app: APP, host: PLATFORM } = localApps().origins;

/** The waterfall's steps, in order, each in ms from the host page's navigation start. */
export const STEPS = [
  ['host_document', 'host page received'],
  ['host_script', 'host script runs'],
  ['host_state', 'host has its state'],
  ['app_frame', "app's frame starts loading"],
  ['iframe_navigation', 'iframe navigation starts'],
  ['iframe_document', 'app document received'],
  ['app_script', 'app entry script ran'],
  ['sdk_init', 'SDK init done'],
  ['host_token', 'host holds the token'],
  ['host_token_posted', 'host posted the token'],
  ['token', 'app received the token'],
  ['me', '/api/me answered'],
  ['identity', 'identity rendered'],
] as const;

export type Step = (typeof STEPS)[number][0];

export interface IdentityResults {
  loads: number;
  medianMs: number;
  p90Ms: number;
  minMs: number;
  maxMs: number;
  /** Median time of each step, from the host page's navigation start. */
  steps: Record<Step, number>;
  preflightsPerLoad: number;
  /** Every load's identity time, in order. */
  samples: number[];
}

interface Timing {
  timeOrigin: number;
  responseEnd: number;
  domContentLoaded: number;
  /** When the page's first iframe started loading, from its resource timing entry. */
  frameStart: number;
  marks: Record<string, number>;
}

function readTiming(): Timing {
  const [navigation] = performance.getEntriesByType('navigation') as PerformanceNavigationTiming[];
  const frame = (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).find(
    (entry) => entry.initiatorType === 'iframe',
  );
  return {
    timeOrigin: performance.timeOrigin,
    responseEnd: navigation?.responseEnd ?? Number.NaN,
    domContentLoaded: navigation?.domContentLoadedEventEnd ?? Number.NaN,
    frameStart: frame?.startTime ?? Number.NaN,
    marks: Object.fromEntries(
      performance.getEntriesByType('mark').map((mark) => [mark.name, mark.startTime]),
    ),
  };
}

/** Resolves once `mark` exists in the document it runs in. */
function markSet(mark: string): Promise<void> {
  return new Promise((resolve) => {
    const observer = new PerformanceObserver((list) => {
      if (list.getEntriesByName(mark).length === 0) return;
      observer.disconnect();
      resolve();
    });
    observer.observe({ type: 'mark' });
    if (performance.getEntriesByName(mark).length > 0) {
      observer.disconnect();
      resolve();
    }
  });
}

/**
 * The app frame's timing once the identity shows, through the frame's own DevTools session: a
 * bare Runtime.evaluate and an observer. Playwright's `frame.waitForFunction` or
 * `frame.evaluate` would first inject its scripts into the frame (tens of ms of the app's main
 * thread while it starts, seen in a trace), and the measurement would count them.
 */
async function appTimingOnceShown(session: CDPSession): Promise<Timing> {
  const expression = `(${markSet})(${JSON.stringify(MARKS.identity)}).then(${readTiming})`;
  const { result, exceptionDetails } = await session.send('Runtime.evaluate', {
    expression,
    awaitPromise: true,
    returnByValue: true,
  });
  if (exceptionDetails) throw new Error(`app frame: ${exceptionDetails.text}`);
  return result.value as Timing;
}

interface Load {
  steps: Record<Step, number>;
  preflights: number;
}

async function oneLoad(browser: Browser): Promise<Load> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    // Playwright does not report CORS preflights; the app frame's own DevTools session does.
    // It is attached when the app's document commits, before the app's scripts have run.
    const network = { preflights: 0, sawApiCall: false };
    let appSession: Promise<CDPSession> | undefined;
    page.on('framenavigated', (navigated) => {
      if (!navigated.url().startsWith(APP) || appSession) return;
      appSession = context.newCDPSession(navigated).then(async (session) => {
        session.on('Network.requestWillBeSent', ({ request }) => {
          if (!request.url.startsWith(API)) return;
          if (request.method === 'OPTIONS') network.preflights += 1;
          else network.sawApiCall = true;
        });
        await session.send('Network.enable');
        return session;
      });
    });
    // Not until 'load': that waits for the app's frame too, whose start is what is measured.
    await page.goto(PLATFORM, { waitUntil: 'commit' });
    while (!appSession) await page.waitForEvent('framenavigated');
    const app = await appTimingOnceShown(await appSession);
    const host = await page.evaluate(readTiming);
    const offset = app.timeOrigin - host.timeOrigin;
    const at = (name: string) => offset + (app.marks[name] ?? Number.NaN);
    const atHost = (name: string) => host.marks[name] ?? Number.NaN;
    return {
      steps: {
        host_document: host.responseEnd,
        host_script: atHost(HOST_MARKS.script),
        host_state: atHost(HOST_MARKS.state),
        app_frame: host.frameStart,
        iframe_navigation: offset,
        iframe_document: offset + app.responseEnd,
        app_script: offset + app.domContentLoaded,
        sdk_init: at(MARKS.sdkInit),
        host_token: atHost(HOST_MARKS.tokenHeld),
        host_token_posted: atHost(HOST_MARKS.tokenPosted),
        token: at(MARKS.token),
        me: at(MARKS.me),
        identity: at(MARKS.identity),
      },
      // Counted only when the session saw the app's first API call, hence every preflight.
      preflights: network.sawApiCall ? network.preflights : Number.NaN,
    };
  } finally {
    await context.close();
  }
}

export async function benchIdentity(
  loads: number,
  log: (line: string) => void,
): Promise<IdentityResults> {
  // The browser tests' Chromium and flags, so both measure the same browser.
  const browser = await chromium.launch(CHROMIUM_LAUNCH);
  try {
    // One unreported load warms the servers' caches (JWKS, compiled routes), as any live app's are.
    await oneLoad(browser);
    const runs: Load[] = [];
    for (let i = 1; i <= loads; i += 1) {
      runs.push(await oneLoad(browser));
      if (i % 5 === 0) log(`${i}/${loads} loads`);
    }
    const samples = runs.map((run) => round(run.steps.identity, 1));
    const steps = Object.fromEntries(
      STEPS.map(([step]) => [step, round(median(runs.map((run) => run.steps[step])), 1)]),
    ) as Record<Step, number>;
    return {
      loads,
      medianMs: round(median(samples), 1),
      p90Ms: round(percentile(samples, 90), 1),
      minMs: Math.min(...samples),
      maxMs: Math.max(...samples),
      steps,
      preflightsPerLoad: round(
        median(runs.map((run) => run.preflights).filter((count) => !Number.isNaN(count))),
        1,
      ),
      samples,
    };
  } finally {
    await browser.close();
  }
}

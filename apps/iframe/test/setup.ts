/** Runs before every test file: points the app at the fake API and cleans up after each test. */
import { cleanup } from '@testing-library/react';
import type { Window as HappyDOMWindow } from 'happy-dom';
import { afterAll, afterEach, vi } from 'vitest';
import { fakeApi } from './support/fake-api.ts';

// src/env.ts reads this when a test first imports the app, which is after this file ran.
vi.stubEnv('VITE_API_URL', fakeApi.url);

/**
 * happy-dom 21 empties both bodies when a response read from a socket is cloned
 * (capricorn86/happy-dom#2353), and the auth client clones every 401 to read `retryable`.
 * Buffering each answer first gives the clone() that browsers have.
 */
const NULL_BODY_STATUSES = new Set([101, 204, 205, 304]);
(window as unknown as HappyDOMWindow).happyDOM.settings.fetch.interceptor = {
  async afterAsyncResponse({ response, window: browser }) {
    const body = NULL_BODY_STATUSES.has(response.status) ? null : await response.arrayBuffer();
    return new browser.Response(body, {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    });
  },
};

afterEach(() => {
  // Vitest's globals are off, so Testing Library cannot register its own cleanup.
  cleanup();
  fakeApi.reset();
  vi.clearAllMocks();
  // Puts back what vi.spyOn replaced (e.g. console.warn); vi.fn mocks keep their answers.
  vi.restoreAllMocks();
});

afterAll(() => fakeApi.close());

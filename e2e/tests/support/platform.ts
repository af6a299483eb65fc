import type { MockState, MockStatePatch, MockTokenRequest } from '@intandem/mock-host/contract';
import type { CompactJWSToken } from '@intandem/sdk/protocol';
import { type APIRequestContext, expect } from '@playwright/test';
import { PLATFORM } from './urls.ts';

/** Drives the mock platform's test endpoints (`/__mock/*`) over HTTP. */
export class Platform {
  constructor(private readonly request: APIRequestContext) {}

  async reset(): Promise<MockState> {
    return this.#json('POST', '/__mock/reset');
  }

  async state(): Promise<MockState> {
    return this.#json('GET', '/__mock/state');
  }

  async update(patch: MockStatePatch): Promise<MockState> {
    return this.#json('PUT', '/__mock/state', patch);
  }

  async rotateKey(): Promise<MockState> {
    return this.#json('POST', '/__mock/keys/rotate');
  }

  /** A token for the current staff member, exactly as the platform's token API issues it. */
  async issueToken(): Promise<string> {
    const state = await this.state();
    const body = await this.#json<{ success: true; data: CompactJWSToken }>(
      'POST',
      '/v3/apps/compact_jws_tokens',
      { app_code_name: state.appCodeName },
    );
    return body.data.token;
  }

  /** A token with overrides (expired, other audience, forged…). */
  async mintToken(overrides: MockTokenRequest = {}): Promise<string> {
    const body = await this.#json<CompactJWSToken>('POST', '/__mock/tokens', overrides);
    return body.token;
  }

  async #json<T>(method: string, path: string, data?: unknown): Promise<T> {
    const response = await this.request.fetch(`${PLATFORM}${path}`, {
      method,
      // The mock takes only JSON on POST and PUT, an empty body included.
      ...(method === 'GET' ? {} : { data: data ?? {} }),
    });
    expect(response.ok(), `${method} ${path} answered ${response.status()}`).toBe(true);
    return (await response.json()) as T;
  }
}

import type { CompactJWSToken, PlatformUser } from '@intandem/sdk';

/** What the mocked `getAuth()` resolves with; the API should see `Bearer token-1`. */
export const TOKEN: CompactJWSToken = {
  uid: 'staff-1',
  token: 'token-1',
  expiry_date: '2999-01-01T00:00:00.000Z',
  app_code_name: 'partner-app',
};

export const BEARER = `Bearer ${TOKEN.token}`;

/** What `getUser()` says when the page tells the truth about staff-1 of business-1. */
export function platformUser(overrides: Partial<PlatformUser> = {}): PlatformUser {
  return {
    brandHost: 'app.example.com',
    businessUid: 'business-1',
    staffUid: 'staff-1',
    impersonate: false,
    language: 'en',
    ...overrides,
  };
}

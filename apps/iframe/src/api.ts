import * as sdk from '@intandem/sdk';
import { createAuthClient } from '@partner/auth/client';
import { env } from './env.ts';

/** One client for the whole app, so every request shares the token cache. */
export const api = createAuthClient({ getAuth: sdk.getAuth, baseUrl: env.apiUrl });

export interface Me {
  staff: { uid: string };
  business?: { uid: string };
  app: string;
  expiresAt: string;
}

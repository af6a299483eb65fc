import type { IncomingMessage, ServerResponse } from 'node:http';
import type { MockHostConfig } from './config.ts';
import { type Business, DIRECTORY, type StaffMember } from './directory.ts';
import { HttpError, readJson, sendJson } from './http.ts';
import { KeyStore } from './keys.ts';
import { mintToken } from './tokens.ts';

export type Handler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;
/** Serves the host page and its assets; returns false when it has nothing for the path. */
export type PageHandler = (req: IncomingMessage, res: ServerResponse) => Promise<boolean>;

/** The platform's state: who is signed in, and its keys. */
export interface MockHostState {
  keys: KeyStore;
  businessUid: string;
  staffUid: string;
}

export async function createMockHost(config: MockHostConfig, page?: PageHandler) {
  const defaultBusiness = DIRECTORY[0];
  const defaultStaff = defaultBusiness?.staff[0];
  if (!defaultBusiness || !defaultStaff) throw new Error('The directory is empty.');
  const firstBusiness: Business = defaultBusiness;
  const firstStaff: StaffMember = defaultStaff;
  const state: MockHostState = {
    keys: await KeyStore.create(),
    businessUid: firstBusiness.uid,
    staffUid: firstStaff.uid,
  };

  function current() {
    const business = DIRECTORY.find((b) => b.uid === state.businessUid) ?? firstBusiness;
    const staff = business.staff.find((s) => s.uid === state.staffUid) ?? firstStaff;
    return { business, staff };
  }

  const routes: Record<string, Handler> = {
    'GET /v3/apps/.well-known/jwks.json': async (_req, res) => {
      sendJson(res, 200, state.keys.jwks());
    },
    'POST /v3/apps/compact_jws_tokens': async (req, res) => {
      const body = await readJson(req);
      if (body.app_code_name !== config.appCodeName) {
        throw new HttpError(
          404,
          'app_not_found',
          `No app with code name "${String(body.app_code_name)}".`,
        );
      }
      const { business, staff } = current();
      const data = await mintToken({
        key: state.keys.active,
        appCodeName: config.appCodeName,
        business,
        staff,
        ttlSec: config.tokenTtlSec,
      });
      sendJson(res, 200, { success: true, data });
    },
    'GET /__mock/state': async (_req, res) => {
      const { business, staff } = current();
      sendJson(res, 200, {
        appUrl: config.appUrl,
        appCodeName: config.appCodeName,
        business: { uid: business.uid, name: business.name },
        staff,
        keys: state.keys.jwks().keys.map((key) => key.kid),
      });
    },
  };

  const handler: Handler = async (req, res) => {
    const path = new URL(req.url ?? '/', 'http://host').pathname;
    const route = routes[`${req.method} ${path}`];
    try {
      if (route) return await route(req, res);
      if (page && (req.method === 'GET' || req.method === 'HEAD') && (await page(req, res))) return;
      throw new HttpError(404, 'not_found', `No route for ${req.method} ${path}.`);
    } catch (error) {
      if (res.headersSent) return void res.end();
      if (error instanceof HttpError) {
        return sendJson(res, error.status, {
          success: false,
          errors: [{ code: error.code, message: error.message }],
        });
      }
      console.error('mock-host: unexpected error', error);
      sendJson(res, 500, {
        success: false,
        errors: [{ code: 'internal', message: 'Unexpected error.' }],
      });
    }
  };

  return { handler, state };
}

import { rejectUnknownFields, requiredString } from '../body.ts';
import { readJson, sendJson } from '../http.ts';
import type { Route } from './route.ts';

/** Both answer the new state; its `keys` show which key is active. */
export const mockKeyRoutes: readonly Route[] = [
  {
    method: 'POST',
    path: '/__mock/keys/rotate',
    async handle({ req, res, state }) {
      rejectUnknownFields(await readJson(req), []);
      await state.keys.rotate();
      sendJson(res, 200, state.snapshot());
    },
  },
  {
    method: 'POST',
    path: '/__mock/keys/retire',
    async handle({ req, res, state }) {
      const body = await readJson(req);
      rejectUnknownFields(body, ['kid']);
      const kid = requiredString(body, 'kid');
      state.keys.retire(kid);
      sendJson(res, 200, state.snapshot());
    },
  },
];

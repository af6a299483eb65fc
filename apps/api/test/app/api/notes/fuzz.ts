import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import * as noteById from '../../../../src/app/api/notes/[id]/route.ts';
import * as notes from '../../../../src/app/api/notes/route.ts';
import { type RouteHarness, startRouteHarness } from '../../../support/route-harness.ts';

// Hostile bodies, queries and claims against the notes routes: every answer is a 2xx or a 4xx
// with a code, never a 500, and nothing is logged as an internal error.
const RUNS = 80;

/** Strings that break things: every code unit (NUL, controls, lone surrogates), long ones too. */
const hostile = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme-composite', maxLength: 40 }),
  fc.constantFrom('', ' ', '\u0000', 'a\nb', '\r\n', '\u2028', "'; drop table notes; --", '%00'),
  fc.string({ unit: 'binary', minLength: 2000, maxLength: 9000 }),
);

const bodies = fc.oneof(
  fc.record({ text: fc.oneof(hostile, fc.jsonValue()) }).map((value) => JSON.stringify(value)),
  fc.jsonValue().map((value) => JSON.stringify(value)),
  hostile,
);

const queries = fc
  .dictionary(fc.oneof(fc.constantFrom('limit', 'cursor'), hostile), hostile, { maxKeys: 3 })
  .map((entries) => new URLSearchParams(entries).toString());

const claims = fc.record(
  {
    sub: hostile,
    business_uid: hostile,
    actor: fc.record({ uid: hostile, type: hostile }),
    impersonate: fc.boolean(),
  },
  { requiredKeys: [] },
);

/** The suite, run once per engine by a file of its own (the process reads its settings once). */
export function fuzzNotesRoutes(engine: 'embedded' | 'server') {
  describe(`notes routes under fuzzing (${engine === 'embedded' ? 'PGlite' : 'PostgreSQL'})`, () => {
    let api: RouteHarness;
    let errors: ReturnType<typeof vi.spyOn>;
    beforeAll(async () => {
      api = await startRouteHarness({ engine });
      // Rejections are logged on info; an internal error would be logged on error.
      vi.spyOn(console, 'info').mockImplementation(() => {});
      errors = vi.spyOn(console, 'error');
    });
    afterAll(async () => {
      vi.restoreAllMocks();
      await api.close();
    });

    async function expectHandled(response: Response) {
      expect(response.status).toBeLessThan(500);
      if (response.status >= 400) {
        const body = (await response.json()) as { error: { code: string } };
        expect(body.error.code).toMatch(/^[a-z_]+$/);
      } else {
        await response.body?.cancel();
      }
    }

    it('answers hostile bodies with 201 or a 4xx', async () => {
      await fc.assert(
        fc.asyncProperty(bodies, async (body) => {
          await expectHandled(
            await api.call(notes, '/api/notes', { method: 'POST', body, token: {} }),
          );
        }),
        { numRuns: RUNS },
      );
      expect(errors).not.toHaveBeenCalled();
    });

    it('answers hostile queries with 200 or a 4xx', async () => {
      await fc.assert(
        fc.asyncProperty(queries, async (query) => {
          await expectHandled(await api.call(notes, `/api/notes?${query}`, { token: {} }));
        }),
        { numRuns: RUNS },
      );
      expect(errors).not.toHaveBeenCalled();
    });

    it('answers tokens with hostile claims with a 2xx or a 4xx, on every method', async () => {
      await fc.assert(
        fc.asyncProperty(claims, hostile, async (overrides, id) => {
          const token = await api.token(overrides);
          await expectHandled(await api.call(notes, '/api/notes', { token }));
          const body = { text: 'fuzz' };
          await expectHandled(await api.call(notes, '/api/notes', { method: 'POST', body, token }));
          const params = { id };
          await expectHandled(
            await api.call(noteById, '/api/notes/x', { method: 'DELETE', params, token }),
          );
        }),
        { numRuns: RUNS },
      );
      expect(errors).not.toHaveBeenCalled();
    });
  });
}

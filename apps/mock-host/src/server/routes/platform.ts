import { requiredString } from '../body.ts';
import { AppNotFoundError, JwksUnavailableError, RateLimitedError } from '../errors.ts';
import { readJson, sendJson } from '../http.ts';
import { platformClaims, signRs256, tokenEntity } from '../tokens.ts';
import type { Route } from './route.ts';

/** The endpoints the real platform has, answering as it does. */
export const platformRoutes: readonly Route[] = [
  {
    method: 'GET',
    path: '/v3/apps/.well-known/jwks.json',
    async handle({ res, state }) {
      // 'hang' leaves the request open: the client's own timeout is what is under test.
      if (state.jwksOutage === 'hang') return;
      if (state.jwksOutage === 'error') throw new JwksUnavailableError();
      sendJson(res, 200, state.keys.jwks({ includeWeak: state.weakKeyPublished }));
    },
  },
  {
    method: 'POST',
    path: '/v3/apps/compact_jws_tokens',
    async handle({ req, res, state, config, now }) {
      const appCodeName = requiredString(await readJson(req), 'app_code_name');
      if (appCodeName !== state.appCodeName) throw new AppNotFoundError(appCodeName);
      const subject = state.subject;
      const decision = state.rateLimiter.take(subject.staff.uid);
      if (!decision.allowed) {
        throw new RateLimitedError(state.rateLimiter.limitPerMin, decision.retryAfterSec);
      }
      const iat = Math.floor(now() / 1000);
      const claims = platformClaims(subject, appCodeName, iat, config.tokenTtlSec);
      const token = await signRs256(state.keys.active, claims);
      sendJson(res, 200, {
        success: true,
        data: tokenEntity(token, claims, appCodeName, iat + config.tokenTtlSec),
      });
    },
  },
];

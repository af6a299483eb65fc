import { checkSubject, type StaffClaims } from './claims.ts';
import { AuthError } from './errors.ts';
import { authenticate, toResponse } from './http.ts';
import type { Verifier } from './verifier.ts';

/** A route handler that runs only for a verified token; `context.auth` holds its claims. */
export type AuthedHandler<Ctx> = (
  request: Request,
  context: Ctx & { auth: StaffClaims },
) => Response | Promise<Response>;

/** Options of {@link withAuth}. */
export interface WithAuthOptions<Ctx> {
  /**
   * The staff uid the requested resource belongs to (e.g. from route params); a token for
   * anyone else gets 403 `subject_mismatch`. May throw an `AuthError` to reject the request.
   * Runs only after the token is verified, so unauthenticated callers never reach the app's
   * lookups (nor learn from them which ids exist).
   */
  subject?: (request: Request, context: Ctx) => string | Promise<string>;
}

/**
 * Wraps a Next.js route handler (or any `(request, context)` handler) so it runs only for a
 * verified staff token. Every `AuthError` becomes `toResponse(error)`; errors thrown by the
 * handler itself are not touched.
 */
export function withAuth<Ctx extends object>(
  verifier: Verifier,
  handler: AuthedHandler<Ctx>,
  options: WithAuthOptions<Ctx> = {},
): (request: Request, context: Ctx) => Promise<Response> {
  return async (request, context) => {
    let auth: StaffClaims;
    try {
      auth = await authenticate(request, verifier);
      const subject = await options.subject?.(request, context);
      if (subject !== undefined) checkSubject(auth, subject);
    } catch (error) {
      if (error instanceof AuthError) return toResponse(error);
      throw error;
    }
    return handler(request, { ...context, auth });
  };
}

import { AuthError } from './errors.ts';
import { authenticate, toResponse } from './http.ts';
import type { StaffClaims, Verifier } from './verifier.ts';

export type AuthedHandler<Ctx> = (
  request: Request,
  context: Ctx & { auth: StaffClaims },
) => Response | Promise<Response>;

/** Wraps a Next.js route handler so it runs only for a verified staff token. */
export function withAuth<Ctx extends object>(verifier: Verifier, handler: AuthedHandler<Ctx>) {
  return async (request: Request, context: Ctx): Promise<Response> => {
    let auth: StaffClaims;
    try {
      auth = await authenticate(request, verifier);
    } catch (error) {
      if (error instanceof AuthError) return toResponse(error);
      throw error;
    }
    return handler(request, { ...context, auth });
  };
}

import { randomUUID } from 'node:crypto';
import type { CompactJWSToken } from '@intandem/sdk/protocol';
import { SignJWT } from 'jose';
import type { Business, StaffMember } from './directory.ts';
import type { SigningKey } from './keys.ts';

export interface MintInput {
  key: SigningKey;
  appCodeName: string;
  business: Business;
  staff: StaffMember;
  ttlSec: number;
  now?: number;
}

/** Signs a token with the claims the platform documents, wrapped in its token entity. */
export async function mintToken(input: MintInput): Promise<CompactJWSToken> {
  const iat = input.now ?? Math.floor(Date.now() / 1000);
  const exp = iat + input.ttlSec;
  const jti = randomUUID();
  const token = await new SignJWT({
    iss: 'intandem',
    aud: input.appCodeName,
    sub: input.staff.uid,
    sub_type: 'staff',
    actor_uid: input.staff.uid,
    actor_type: 'staff',
    business_uid: input.business.uid,
    directory_uid: input.business.directoryUid,
    iat,
    exp,
    jti,
  })
    .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: input.key.kid })
    .sign(input.key.privateKey);
  return {
    uid: jti,
    token,
    expiry_date: new Date(exp * 1000).toISOString(),
    app_code_name: input.appCodeName,
  };
}

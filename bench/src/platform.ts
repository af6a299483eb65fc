/** The bench's staff members and their tokens, signed with keys it controls (test kit). */
import { randomUUID } from 'node:crypto';
import { type SigningKey, signStaffToken } from '@partner/test-kit/keys';

export const AUDIENCE = 'bench-app';

export interface Staff {
  uid: string;
  businessUid: string;
}

/** `count` staff members spread over `businesses` businesses. */
export function staffMembers(
  count: number,
  businesses = Math.max(1, Math.ceil(count / 4)),
): Staff[] {
  const businessUids = Array.from({ length: businesses }, () => randomUUID());
  return Array.from({ length: count }, (_, i) => ({
    uid: randomUUID(),
    businessUid: businessUids[i % businesses] ?? '',
  }));
}

/** A token as the platform issues it (claims and lifetime), for `staff`, signed with `key`. */
export function signToken(key: SigningKey, staff: Staff, audience = AUDIENCE): Promise<string> {
  return signStaffToken(key, {
    aud: audience,
    sub: staff.uid,
    actor_uid: staff.uid,
    business_uid: staff.businessUid,
    directory_uid: staff.businessUid,
  });
}

/** `count` distinct tokens, round-robin over `staff` and `keys`, signed concurrently. */
export async function signTokens(
  count: number,
  keys: readonly SigningKey[],
  staff: readonly Staff[],
): Promise<string[]> {
  const tokens: string[] = [];
  const batch = 64;
  for (let start = 0; start < count; start += batch) {
    const end = Math.min(count, start + batch);
    const signed = await Promise.all(
      Array.from({ length: end - start }, (_, i) => {
        const n = start + i;
        return signToken(keys[n % keys.length] as SigningKey, staff[n % staff.length] as Staff);
      }),
    );
    tokens.push(...signed);
  }
  return tokens;
}

/** Hands out each token once; fails loudly when the pool runs out (a reused token would hit a cache). */
export function tokenPool(tokens: readonly string[]): () => string {
  let next = 0;
  return () => {
    const token = tokens[next++];
    if (token === undefined) throw new Error('token pool exhausted: raise MAX_REQUESTS_PER_SEC');
    return `Bearer ${token}`;
  };
}

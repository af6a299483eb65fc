import { randomUUID } from 'node:crypto';
import { exportJWK, generateKeyPair, type JWK } from 'jose';

export interface SigningKey {
  kid: string;
  privateKey: CryptoKey;
  publicJwk: JWK;
}

/** Generates an RSA-2048 signing key with a UUID `kid`, as the platform's keys are. */
export async function generateSigningKey(): Promise<SigningKey> {
  const kid = randomUUID();
  const { privateKey, publicKey } = await generateKeyPair('RS256', {
    modulusLength: 2048,
    extractable: true,
  });
  const publicJwk: JWK = { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' };
  return { kid, privateKey, publicJwk };
}

/** The platform's key set: one active signing key plus older keys still published. */
export class KeyStore {
  #keys: SigningKey[];

  private constructor(first: SigningKey) {
    this.#keys = [first];
  }

  static async create(): Promise<KeyStore> {
    return new KeyStore(await generateSigningKey());
  }

  /** The key new tokens are signed with: the newest one. */
  get active(): SigningKey {
    const key = this.#keys.at(-1);
    if (!key) throw new Error('The key store is empty.');
    return key;
  }

  jwks(): { keys: JWK[] } {
    return { keys: this.#keys.map((key) => key.publicJwk) };
  }
}

import { generateKeyPairSync, type KeyObject, randomUUID } from 'node:crypto';
import { exportJWK, exportSPKI, generateKeyPair, type JWK } from 'jose';
import type { KeyInfo } from '../shared/contract.ts';
import { ActiveKeyError, UnknownKeyError } from './errors.ts';

export interface SigningKey {
  kid: string;
  privateKey: CryptoKey;
  publicJwk: JWK;
  /** SPKI PEM of the public key: the "secret" of the HS256 algorithm-confusion attack. */
  publicPem: string;
  createdAt: Date;
}

/** A deliberately weak RSA-1024 key; jose refuses such keys, so node:crypto signs with it. */
interface WeakKey {
  kid: string;
  privateKey: KeyObject;
  publicJwk: JWK;
}

/** Generates an RSA-2048 signing key with a UUID `kid`, as the platform's keys are. */
async function generateSigningKey(now = new Date()): Promise<SigningKey> {
  const kid = randomUUID();
  const { privateKey, publicKey } = await generateKeyPair('RS256', {
    modulusLength: 2048,
    extractable: true,
  });
  const publicJwk: JWK = { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' };
  return { kid, privateKey, publicJwk, publicPem: await exportSPKI(publicKey), createdAt: now };
}

function generateWeakKey(): WeakKey {
  const kid = randomUUID();
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 1024 });
  const publicJwk: JWK = { ...publicKey.export({ format: 'jwk' }), kid, alg: 'RS256', use: 'sig' };
  return { kid, privateKey, publicJwk };
}

/**
 * The platform's key set: one active signing key plus older keys still published
 * (rotation overlap), and the unpublished keys used to make bad tokens on purpose.
 */
export class KeyStore {
  readonly #original: SigningKey;
  /** Published keys, oldest first; the last one is active. */
  #published: SigningKey[];
  /** Never published; signs forged tokens under the active kid. */
  readonly forged: SigningKey;
  readonly weak: WeakKey;

  private constructor(original: SigningKey, forged: SigningKey, weak: WeakKey) {
    this.#original = original;
    this.#published = [original];
    this.forged = forged;
    this.weak = weak;
  }

  static async create(): Promise<KeyStore> {
    const [original, forged] = await Promise.all([generateSigningKey(), generateSigningKey()]);
    return new KeyStore(original, forged, generateWeakKey());
  }

  /** The key new tokens are signed with: the newest published one. */
  get active(): SigningKey {
    const key = this.#published.at(-1);
    if (!key) throw new Error('The key store is empty.');
    return key;
  }

  find(kid: string): SigningKey {
    const key = this.#published.find((candidate) => candidate.kid === kid);
    if (!key) throw new UnknownKeyError(kid);
    return key;
  }

  /** Adds a new active key; the previous ones stay published until retired. */
  async rotate(): Promise<SigningKey> {
    const key = await generateSigningKey();
    this.#published.push(key);
    return key;
  }

  /** Removes a key from the JWKS. The active key cannot go: rotate first. */
  retire(kid: string): void {
    const key = this.find(kid);
    if (key === this.active) throw new ActiveKeyError(kid);
    this.#published = this.#published.filter((candidate) => candidate !== key);
  }

  /** Back to the start: the original key alone. */
  reset(): void {
    this.#published = [this.#original];
  }

  list(): KeyInfo[] {
    const active = this.active;
    return this.#published.map((key) => ({
      kid: key.kid,
      active: key === active,
      createdAt: key.createdAt.toISOString(),
    }));
  }

  jwks(options: { includeWeak: boolean }): { keys: JWK[] } {
    const keys = this.#published.map((key) => key.publicJwk);
    return { keys: options.includeWeak ? [...keys, this.weak.publicJwk] : keys };
  }
}

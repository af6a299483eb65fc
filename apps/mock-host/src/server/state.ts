import {
  BRAND_HOSTS,
  type JwksOutage,
  type MockState,
  type MockStatePatch,
  type StaffMember,
  type UserOverride,
  type View,
} from '../shared/contract.ts';
import type { MockHostConfig } from './config.ts';
import {
  DIRECTORY,
  defaultMembership,
  findBusiness,
  findMembership,
  type Membership,
} from './directory.ts';
import { InvalidActorError, UnknownBusinessError, UnknownStaffError } from './errors.ts';
import type { KeyStore } from './keys.ts';
import type { RateLimiter } from './rate-limit.ts';

const DEFAULT_LANGUAGE = 'en';
const DEFAULT_BRAND_HOST = BRAND_HOSTS[0] ?? 'app.intandem.example';

/** Who the token is for, and who acts: the claims' subject side. */
export interface TokenSubject extends Membership {
  actor: StaffMember | null;
}

/** The platform's mutable state: who is signed in, its keys, and the fault switches. */
export class HostState {
  readonly keys: KeyStore;
  readonly rateLimiter: RateLimiter;
  readonly #config: MockHostConfig;
  #membership: Membership = defaultMembership();
  #actor: StaffMember | null = null;
  appCodeName: string;
  widgetUid: string;
  weakKeyPublished = false;
  jwksOutage: JwksOutage = 'none';
  language = DEFAULT_LANGUAGE;
  brandHost = DEFAULT_BRAND_HOST;
  view: View = 'team';
  userOverride: UserOverride | null = null;

  constructor(config: MockHostConfig, keys: KeyStore, rateLimiter: RateLimiter) {
    this.#config = config;
    this.keys = keys;
    this.rateLimiter = rateLimiter;
    this.appCodeName = config.appCodeName;
    this.widgetUid = config.widgetUid;
  }

  get subject(): TokenSubject {
    return { ...this.#membership, actor: this.#actor };
  }

  /** Applies a validated patch all at once: nothing changes when any part is refused. */
  apply(patch: MockStatePatch): void {
    const membership = this.#resolveMembership(patch);
    const switched = membership.staff.uid !== this.#membership.staff.uid;
    // A new signed-in staff member ends any impersonation unless the patch sets one.
    const actorUid =
      patch.actorUid !== undefined ? patch.actorUid : switched ? null : (this.#actor?.uid ?? null);
    const actor = actorUid === null ? null : resolveActor(membership, actorUid);

    this.#membership = membership;
    this.#actor = actor;
    if (patch.appCodeName !== undefined) this.appCodeName = patch.appCodeName;
    if (patch.widgetUid !== undefined) this.widgetUid = patch.widgetUid;
    if (patch.weakKeyPublished !== undefined) this.weakKeyPublished = patch.weakKeyPublished;
    if (patch.jwksOutage !== undefined) this.jwksOutage = patch.jwksOutage;
    if (patch.tokenRateLimitPerMin !== undefined) {
      this.rateLimiter.limitPerMin = patch.tokenRateLimitPerMin;
    }
    if (patch.language !== undefined) this.language = patch.language;
    if (patch.brandHost !== undefined) this.brandHost = patch.brandHost;
    if (patch.view !== undefined) this.view = patch.view;
    if (patch.userOverride !== undefined) this.userOverride = patch.userOverride;
  }

  /** Back to the start state, so tests can run in isolation. */
  reset(): void {
    this.#membership = defaultMembership();
    this.#actor = null;
    this.appCodeName = this.#config.appCodeName;
    this.widgetUid = this.#config.widgetUid;
    this.weakKeyPublished = false;
    this.jwksOutage = 'none';
    this.language = DEFAULT_LANGUAGE;
    this.brandHost = DEFAULT_BRAND_HOST;
    this.view = 'team';
    this.userOverride = null;
    this.keys.reset();
    this.rateLimiter.limitPerMin = this.#config.tokenRateLimitPerMin;
    this.rateLimiter.clear();
  }

  snapshot(): MockState {
    const { business, staff } = this.#membership;
    return {
      appUrl: this.#config.appUrl,
      appCodeName: this.appCodeName,
      widgetUid: this.widgetUid,
      tokenTtlSec: this.#config.tokenTtlSec,
      business: { uid: business.uid, directoryUid: business.directoryUid, name: business.name },
      staff,
      actor: this.#actor,
      directory: DIRECTORY,
      keys: this.keys.list(),
      weakKeyPublished: this.weakKeyPublished,
      jwksOutage: this.jwksOutage,
      tokenRateLimitPerMin: this.rateLimiter.limitPerMin,
      language: this.language,
      brandHost: this.brandHost,
      view: this.view,
      userOverride: this.userOverride,
    };
  }

  #resolveMembership(patch: MockStatePatch): Membership {
    const business = patch.businessUid === undefined ? undefined : findBusiness(patch.businessUid);
    if (patch.businessUid !== undefined && !business) {
      throw new UnknownBusinessError(patch.businessUid);
    }
    if (patch.staffUid === undefined) {
      if (!business || business.uid === this.#membership.business.uid) return this.#membership;
      // A business switch alone signs in that business's first staff member (its admin).
      const first = business.staff[0];
      if (!first) throw new UnknownStaffError(`Business "${business.uid}" has no staff.`);
      return { business, staff: first };
    }
    const found = findMembership(patch.staffUid);
    if (!found) {
      throw new UnknownStaffError(`No staff member with uid "${patch.staffUid}" in the directory.`);
    }
    if (business && found.business.uid !== business.uid) {
      throw new UnknownStaffError(
        `Staff member "${patch.staffUid}" does not belong to business "${business.uid}".`,
      );
    }
    return found;
  }
}

function resolveActor(membership: Membership, actorUid: string): StaffMember {
  if (actorUid === membership.staff.uid) {
    throw new InvalidActorError(
      'actorUid equals the signed-in staff member; send null to stop impersonating.',
    );
  }
  const actor = membership.business.staff.find((member) => member.uid === actorUid);
  if (!actor) {
    throw new InvalidActorError(
      `actorUid "${actorUid}" is not a staff member of business "${membership.business.uid}".`,
    );
  }
  return actor;
}

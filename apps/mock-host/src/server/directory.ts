import type { Business, StaffMember } from '../shared/contract.ts';

/** The platform's businesses and their staff, as the mock knows them. Each has one admin. */
export const DIRECTORY: readonly Business[] = [
  {
    uid: 'biz_9f3k2m7q',
    directoryUid: 'dir_vcita_main',
    name: 'Harbor Yoga Studio',
    staff: [
      { uid: 'stf_a1b2c3d4', name: 'Dana Levi', role: 'admin' },
      { uid: 'stf_e5f6g7h8', name: 'Omer Katz', role: 'staff' },
    ],
  },
  {
    uid: 'biz_4t8w1x6z',
    directoryUid: 'dir_vcita_main',
    name: 'Northside Dental',
    staff: [
      { uid: 'stf_j2k4m6n8', name: 'Maya Cohen', role: 'admin' },
      { uid: 'stf_p3r5s7t9', name: 'Yoni Ben-David', role: 'staff' },
    ],
  },
];

export interface Membership {
  business: Business;
  staff: StaffMember;
}

export function findBusiness(uid: string): Business | undefined {
  return DIRECTORY.find((business) => business.uid === uid);
}

/** Staff uids are unique across businesses, so a uid alone tells the business too. */
export function findMembership(staffUid: string): Membership | undefined {
  for (const business of DIRECTORY) {
    const staff = business.staff.find((member) => member.uid === staffUid);
    if (staff) return { business, staff };
  }
  return undefined;
}

/** Who is signed in when the mock starts or is reset: the first business's admin. */
export function defaultMembership(): Membership {
  const business = DIRECTORY[0];
  const staff = business?.staff[0];
  if (!business || !staff) throw new Error('The directory is empty.');
  return { business, staff };
}

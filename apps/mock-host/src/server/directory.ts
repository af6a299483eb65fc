/** The platform's businesses and their staff, as the mock knows them. */
export interface StaffMember {
  uid: string;
  name: string;
  role: 'admin' | 'staff';
}

export interface Business {
  uid: string;
  directoryUid: string;
  name: string;
  staff: StaffMember[];
}

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
];

/** What each shared field of a referral is called on the pages (the API's names are in camelCase). */
export const FIELD_LABELS: Record<string, string> = {
  name: 'Name',
  dateOfBirth: 'Date of birth',
  contactNumber: 'Contact number',
  address: 'Address',
  reasonForReferral: 'Reason for referral',
  actionsAlreadyTaken: 'Actions already taken',
  specialRequirements: 'Special requirements',
};

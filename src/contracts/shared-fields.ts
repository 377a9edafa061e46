/**
 * The only fields that may ever be shared with a back-office service (Lancashire Customer Access Service
 * privacy notice, "Information we share"). Each service is permitted a subset.
 */
export const SHARED_FIELDS = [
  'name',
  'dateOfBirth',
  'contactNumber',
  'address',
  'specialRequirements',
  'reasonForReferral',
  'actionsAlreadyTaken',
] as const;
export type SharedField = (typeof SHARED_FIELDS)[number];

export const DELIVERY_TYPES = ['webhook', 'email', 'portal', 'open311'] as const;
export type DeliveryType = (typeof DELIVERY_TYPES)[number];

/** How far a referral or notice got: `available` is shown to the service in its portal. */
export const DELIVERY_STATUSES = ['pending', 'delivered', 'available', 'dead'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/** What each shared field is called for people (e-mailed referrals and notices). */
export const SHARED_FIELD_LABELS: Record<SharedField, string> = {
  name: 'Name',
  dateOfBirth: 'Date of birth',
  contactNumber: 'Contact number',
  address: 'Address',
  specialRequirements: 'Special requirements',
  reasonForReferral: 'Reason for referral',
  actionsAlreadyTaken: 'Actions already taken',
};

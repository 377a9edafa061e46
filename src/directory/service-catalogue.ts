import type { SharedField } from '../contracts/shared-fields.js';

export interface CatalogueService {
  code: string;
  name: string;
  permittedFields: SharedField[];
  receivesSpecialCategory: boolean;
  /** A statutory function: legitimate interests is the wrong basis for it. */
  statutory: boolean;
}

const REFERRAL: SharedField[] = ['reasonForReferral', 'actionsAlreadyTaken'];
const FULL: SharedField[] = ['name', 'dateOfBirth', 'contactNumber', 'address', 'specialRequirements', ...REFERRAL];
const LOCATION: SharedField[] = ['name', 'contactNumber', 'address', ...REFERRAL];
const CONTACT: SharedField[] = ['name', 'contactNumber', ...REFERRAL];

/**
 * The services of Lancashire's Customer Access Service privacy notice, with a default permitted-fields
 * matrix: what each service needs to pick an enquiry up, and no more. Each organisation edits its own copy.
 */
export const SERVICE_CATALOGUE: CatalogueService[] = [
  { code: 'adults-social-care', name: 'Adults Social Care', permittedFields: FULL, receivesSpecialCategory: true, statutory: true },
  // BECON: name, contact number and address until the council confirms otherwise.
  { code: 'becon', name: 'BECON', permittedFields: LOCATION, receivesSpecialCategory: false, statutory: false },
  { code: 'blue-badge', name: 'Blue Badge Service', permittedFields: FULL, receivesSpecialCategory: true, statutory: true },
  { code: 'cashiers', name: 'Cashiers Service', permittedFields: CONTACT, receivesSpecialCategory: false, statutory: false },
  { code: 'certificate', name: 'Certificate Service', permittedFields: LOCATION, receivesSpecialCategory: false, statutory: true },
  { code: 'childrens-social-care', name: "Children's Social Care", permittedFields: FULL, receivesSpecialCategory: true, statutory: true },
  // Date of birth here is the child's.
  {
    code: 'family-information',
    name: 'Family Information Service',
    permittedFields: FULL,
    receivesSpecialCategory: false,
    statutory: true,
  },
  // Address is the location of the fault; no date of birth is needed to fix a pothole.
  { code: 'highways', name: 'Highways Service', permittedFields: LOCATION, receivesSpecialCategory: false, statutory: true },
  { code: 'homes-for-ukraine', name: 'Homes for Ukraine Service', permittedFields: FULL, receivesSpecialCategory: false, statutory: false },
  {
    code: 'send-iass',
    name: 'Information, Advice and Support Team (SEND)',
    permittedFields: FULL,
    receivesSpecialCategory: true,
    statutory: true,
  },
  { code: 'libraries', name: 'Libraries Service', permittedFields: CONTACT, receivesSpecialCategory: false, statutory: true },
  // Disabled persons' passes make health details likely.
  { code: 'nowcard', name: 'NoWcard', permittedFields: FULL, receivesSpecialCategory: true, statutory: true },
  { code: 'procure2pay', name: 'Procure2Pay', permittedFields: CONTACT, receivesSpecialCategory: false, statutory: false },
  { code: 'registration', name: 'Registration Service', permittedFields: LOCATION, receivesSpecialCategory: false, statutory: true },
  { code: 'school-admissions', name: 'School Admissions', permittedFields: FULL, receivesSpecialCategory: false, statutory: true },
  { code: 'school-transport', name: 'School Transport', permittedFields: FULL, receivesSpecialCategory: true, statutory: true },
  { code: 'waste-helpline', name: 'Waste Helpline', permittedFields: LOCATION, receivesSpecialCategory: false, statutory: true },
];

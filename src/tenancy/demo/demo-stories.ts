/**
 * The made-up people and the words of the demo history (demo-history.ts): names from a fixed list, streets that
 * do not exist, Ofcom's drama numbers (07700 900xxx, 01632 960xxx) and e-mail at example.org, so that nothing in
 * the demo can be anyone's real details.
 */

export const FIRST_NAMES = [
  'Amelia',
  'Oliver',
  'Isla',
  'George',
  'Ava',
  'Harry',
  'Mia',
  'Noah',
  'Ivy',
  'Jack',
  'Freya',
  'Leo',
  'Poppy',
  'Arthur',
  'Rosie',
  'Oscar',
  'Evie',
  'Charlie',
  'Grace',
  'Thomas',
  'Sophie',
  'Alfie',
  'Lily',
  'Jacob',
  'Ella',
  'Henry',
  'Ruby',
  'Samir',
  'Priya',
  'Aisha',
  'Tomasz',
  'Olena',
  'Siobhan',
  'Callum',
  'Niamh',
  'Dylan',
  'Megan',
  'Rhys',
  'Bronwen',
  'Kwame',
];

export const SURNAMES = [
  'Ashworth',
  'Barraclough',
  'Entwistle',
  'Haworth',
  'Kershaw',
  'Pilling',
  'Sutcliffe',
  'Threlfall',
  'Whittaker',
  'Hargreaves',
  'Duckworth',
  'Greenhalgh',
  'Ormerod',
  'Butterworth',
  'Holroyd',
  'Lomax',
  'Nuttall',
  'Crabtree',
  'Fairclough',
  'Marsden',
  'Patel',
  'Khan',
  'Nowak',
  'Kowalczyk',
  'Okafor',
  'Mensah',
  'Murphy',
  'Byrne',
  'Jones',
  'Evans',
  'Campbell',
  'Fraser',
  'Singh',
  'Begum',
  'Clarke',
  'Wright',
  'Shevchenko',
  'Novak',
  'Turner',
  'Holt',
];

/** Streets invented for the demo: none of these is a real address. */
export const STREETS = [
  'Larkspur Row',
  'Quillfeather Lane',
  'Tansy Gardens',
  'Merryweather Close',
  'Bramblecote Road',
  'Thistledown Way',
  'Copperbeech Crescent',
  'Wrenfield Terrace',
  'Otterbrook Drive',
  'Kestrel Rise',
  'Saltmarsh Walk',
  'Foxglove Court',
  'Harebell Street',
  'Millrace Avenue',
  'Pennyroyal Place',
  'Cobblers Yard',
  'Swallowtail Grove',
  'Lantern Hill',
];

/** The town and postcode district each demo organisation's made-up addresses use. */
export const TOWNS: Record<string, { town: string; district: string }[]> = {
  lancashire: [
    { town: 'Preston', district: 'PR1' },
    { town: 'Lancaster', district: 'LA1' },
    { town: 'Chorley', district: 'PR7' },
  ],
  cambridgeshire: [
    { town: 'Huntingdon', district: 'PE29' },
    { town: 'Cambridge', district: 'CB1' },
  ],
  'milton-keynes': [{ town: 'Milton Keynes', district: 'MK9' }],
  northamptonshire: [
    { town: 'Northampton', district: 'NN1' },
    { town: 'Kettering', district: 'NN16' },
  ],
};

/** What a citizen asks a service about, how the advisor answers or refers it, and what the service did. */
export interface ServiceStory {
  subject: string;
  description: string;
  /** The advisor's answer when the enquiry is resolved at first contact. */
  advice: string;
  reasonForReferral: string;
  actionsAlreadyTaken: string;
  /** What the service wrote when it closed the referral. */
  outcome: string;
  /** The special requirement a referral carries for a service that receives special category details. */
  specialRequirements?: string;
}

export const SERVICE_STORIES: Record<string, ServiceStory[]> = {
  'adults-social-care': [
    {
      subject: 'Help at home for my mum',
      description: 'My mum is 84 and struggling to wash and dress on her own since her fall. Can someone assess what help she needs?',
      advice: 'Explained the care needs assessment and sent the self-assessment link; she can also ask her GP for a referral.',
      reasonForReferral: 'Request for a care needs assessment after a fall; struggling with personal care.',
      actionsAlreadyTaken: 'Checked no open case; explained the assessment process to the caller.',
      outcome: 'Assessment booked with the locality team; carer visits started while it is arranged.',
      specialRequirements: 'Hard of hearing: call the daughter first.',
    },
    {
      subject: 'Carer’s assessment',
      description: 'I look after my husband full time and I am exhausted. Is there any support for carers?',
      advice: 'Explained the carer’s assessment and gave the number of the local carers’ centre.',
      reasonForReferral: 'Carer asking for a carer’s assessment.',
      actionsAlreadyTaken: 'Gave carers’ centre details.',
      outcome: 'Carer’s assessment completed; respite sessions agreed.',
    },
  ],
  becon: [
    {
      subject: 'Business support enquiry',
      description: 'I run a small engineering firm and want to know about grants for energy-saving equipment.',
      advice: 'Sent the current grant guidance and the eligibility checker link.',
      reasonForReferral: 'Business asking about energy-efficiency grants.',
      actionsAlreadyTaken: 'Sent the grant guidance.',
      outcome: 'Adviser call held; application under way.',
    },
  ],
  'blue-badge': [
    {
      subject: 'Blue Badge renewal',
      description: 'My Blue Badge runs out next month. How do I renew it and will I need a new photo?',
      advice: 'Explained renewal online up to 12 weeks before expiry; a new photo is needed.',
      reasonForReferral: 'Renewal where the applicant cannot apply online.',
      actionsAlreadyTaken: 'Took details over the phone; paper form posted.',
      outcome: 'Renewal approved; new badge posted.',
      specialRequirements: 'Uses a wheelchair; needs paper forms in large print.',
    },
    {
      subject: 'Lost Blue Badge',
      description: 'I think my Blue Badge was stolen from the car yesterday. What should I do?',
      advice: 'Advised to report the theft to the police on 101 and request a replacement online.',
      reasonForReferral: 'Replacement badge after theft; crime reference given.',
      actionsAlreadyTaken: 'Advised the caller to report to the police.',
      outcome: 'Replacement badge issued.',
    },
  ],
  cashiers: [
    {
      subject: 'Payment not showing',
      description: 'I paid an invoice by card last week but I have had a reminder letter. Can you check?',
      advice: 'Found the payment; it crossed with the reminder. No further action needed.',
      reasonForReferral: 'Payment made but reminder received; needs matching to the invoice.',
      actionsAlreadyTaken: 'Took the payment date and amount.',
      outcome: 'Payment matched to the invoice; account up to date.',
    },
  ],
  certificate: [
    {
      subject: 'Copy of a birth certificate',
      description: 'I need a copy of my son’s birth certificate for his passport application.',
      advice: 'Explained how to order a certified copy online and the current fee.',
      reasonForReferral: 'Copy certificate where the online order failed.',
      actionsAlreadyTaken: 'Checked the order was not already placed.',
      outcome: 'Certificate posted.',
    },
  ],
  'childrens-social-care': [
    {
      subject: 'Support for our family',
      description: 'We are struggling since my partner left and my eldest has stopped going to school. Where can we get help?',
      advice: 'Explained early help and gave the family hub’s details.',
      reasonForReferral: 'Family asking for early help support; school attendance worries.',
      actionsAlreadyTaken: 'Gave family hub details; checked consent to share.',
      outcome: 'Early help worker allocated; first visit held.',
    },
  ],
  'family-information': [
    {
      subject: 'Funded childcare hours',
      description: 'My daughter turns three in the spring. When can I claim the funded childcare hours?',
      advice: 'Explained the term after the third birthday rule and how to get an eligibility code.',
      reasonForReferral: 'Parent needs help finding a childcare place with funded hours.',
      actionsAlreadyTaken: 'Explained eligibility.',
      outcome: 'List of local providers with spaces sent.',
    },
  ],
  highways: [
    {
      subject: 'Pothole on our road',
      description: 'There is a deep pothole outside number 14 that has already damaged two cars.',
      advice: 'Explained the pothole is already logged and due for repair within 28 days.',
      reasonForReferral: 'Deep pothole reported, vehicle damage mentioned.',
      actionsAlreadyTaken: 'Checked for an existing report; none found.',
      outcome: 'Inspected and repaired.',
    },
    {
      subject: 'Street light out',
      description: 'The street light at the corner by the bus stop has been out for a week and it is very dark.',
      advice: 'Logged against the existing fault; the contractor is due this week.',
      reasonForReferral: 'Street light fault by a bus stop.',
      actionsAlreadyTaken: 'Checked the lighting fault map.',
      outcome: 'Lamp replaced.',
    },
  ],
  'homes-for-ukraine': [
    {
      subject: 'Sponsor thank-you payments',
      description: 'I am hosting a family from Kharkiv and have not received this month’s thank-you payment.',
      advice: 'Confirmed payments run on the last working day of the month.',
      reasonForReferral: 'Host says the monthly thank-you payment has not arrived.',
      actionsAlreadyTaken: 'Checked the host’s details are on file.',
      outcome: 'Payment reissued.',
    },
  ],
  'send-iass': [
    {
      subject: 'EHC plan advice',
      description: 'My son has autism and his school say he does not need an EHC plan. Can someone explain my options?',
      advice: 'Explained the right to request an assessment and sent the SENDIASS guide.',
      reasonForReferral: 'Parent wants impartial advice about requesting an EHC needs assessment.',
      actionsAlreadyTaken: 'Sent the guide to the EHC process.',
      outcome: 'Caseworker call held; request submitted with support.',
      specialRequirements: 'Parent prefers e-mail; child is autistic.',
    },
  ],
  libraries: [
    {
      subject: 'Library card',
      description: 'I have lost my library card and I have two books out. Can I still renew them?',
      advice: 'Renewed the books and explained a replacement card can be collected from any library.',
      reasonForReferral: 'Account problem the advisor could not fix.',
      actionsAlreadyTaken: 'Tried to renew online.',
      outcome: 'Account fixed; new card posted.',
    },
    {
      subject: 'E-books',
      description: 'How do I borrow e-books on my tablet?',
      advice: 'Talked through the library app and signing in with the card number.',
      reasonForReferral: 'Citizen needs help setting up e-book borrowing.',
      actionsAlreadyTaken: 'Sent the app guide.',
      outcome: 'Digital buddy session booked.',
    },
  ],
  nowcard: [
    {
      subject: 'Bus pass application',
      description: 'I turn 66 next month. How do I apply for an older person’s bus pass?',
      advice: 'Explained the online application and the proof of age and address needed.',
      reasonForReferral: 'Application where the citizen cannot apply online.',
      actionsAlreadyTaken: 'Checked eligibility.',
      outcome: 'Pass issued.',
      specialRequirements: 'Partially sighted: letters in large print.',
    },
  ],
  procure2pay: [
    {
      subject: 'Invoice payment',
      description: 'We are a supplier and our invoice from last month has not been paid.',
      advice: 'Confirmed the invoice is approved and due in the next payment run.',
      reasonForReferral: 'Supplier invoice overdue.',
      actionsAlreadyTaken: 'Checked the invoice number format.',
      outcome: 'Invoice paid in the next run.',
    },
  ],
  registration: [
    {
      subject: 'Registering a birth',
      description: 'Our baby was born last week. How do we book an appointment to register the birth?',
      advice: 'Booked the appointment and explained who needs to attend.',
      reasonForReferral: 'Birth registration appointment needed at short notice.',
      actionsAlreadyTaken: 'Checked availability online.',
      outcome: 'Appointment booked.',
    },
    {
      subject: 'Registering a death',
      description: 'My father died on Sunday at home. What do I need to do to register his death?',
      advice: 'Explained the five-day rule, the medical certificate and Tell Us Once.',
      reasonForReferral: 'Death registration appointment.',
      actionsAlreadyTaken: 'Explained Tell Us Once.',
      outcome: 'Appointment held; death registered.',
    },
  ],
  'school-admissions': [
    {
      subject: 'In-year school place',
      description: 'We have just moved into the area. How do I apply for a Year 4 place?',
      advice: 'Explained the in-year application and sent the list of schools with places.',
      reasonForReferral: 'In-year application for a family new to the area.',
      actionsAlreadyTaken: 'Sent the in-year form.',
      outcome: 'Place offered.',
    },
  ],
  'school-transport': [
    {
      subject: 'School bus pass',
      description: 'My daughter starts secondary school in September. Is she entitled to free school transport?',
      advice: 'Explained the distance rule and sent the eligibility checker.',
      reasonForReferral: 'Application for free school transport.',
      actionsAlreadyTaken: 'Checked the distance to the nearest school.',
      outcome: 'Pass issued.',
      specialRequirements: 'Child uses a wheelchair: accessible vehicle needed.',
    },
  ],
  'waste-helpline': [
    {
      subject: 'Household waste recycling centre',
      description: 'Can I take a van of garden waste to the recycling centre, or do I need a permit?',
      advice: 'Explained the van permit and booked a slot.',
      reasonForReferral: 'Permit application that failed online.',
      actionsAlreadyTaken: 'Checked the permit rules.',
      outcome: 'Permit issued.',
    },
  ],
};

/** Things the council does not do, and the answer that sends the citizen to who does. */
export const SIGNPOSTING_STORIES: Record<string, { subject: string; description: string; advice: string }> = {
  'preston-city-council': {
    subject: 'Missed bin',
    description: 'My green bin was not emptied on Tuesday.',
    advice: 'Bins in Preston are collected by Preston City Council: report it on their website.',
  },
  'lancaster-city-council': {
    subject: 'Council tax',
    description: 'I have moved house in Morecambe and need to change my council tax.',
    advice: 'Council tax is run by Lancaster City Council: gave their number and website.',
  },
  'chorley-council': {
    subject: 'Planning application',
    description: 'My neighbour is building an extension. How do I object?',
    advice: 'Planning in Chorley is Chorley Council’s: gave the planning portal link.',
  },
  'nhs-111': {
    subject: 'Prescription',
    description: 'I have run out of my blood pressure tablets and the surgery is closed.',
    advice: 'Advised NHS 111 or a pharmacy for an urgent repeat prescription.',
  },
  'police-101': {
    subject: 'Anti-social behaviour',
    description: 'Teenagers keep letting off fireworks in the park late at night.',
    advice: 'Advised reporting to the police on 101 (999 in an emergency).',
  },
  'citizens-advice': {
    subject: 'Debt worries',
    description: 'I cannot keep up with my energy bills and I do not know where to start.',
    advice: 'Gave Citizens Advice details for free debt and energy advice.',
  },
};

/** A safeguarding message by kind of danger, and how the supervisor closed the flag. */
export const SAFEGUARDING_STORIES = [
  {
    kind: 'domestic_abuse',
    message: 'My partner has been threatening me and I am scared to go home tonight.',
    advice: 'Gave the National Domestic Abuse Helpline and 999 for immediate danger; offered a call back on a safe number.',
    note: 'Spoke to the citizen with the advisor; referred to the domestic abuse service with consent.',
    decision: 'handled',
  },
  {
    kind: 'medical',
    message: 'My neighbour has collapsed on the path outside and is not answering me.',
    advice: 'Told the citizen to call 999 straight away and stayed on the chat until the ambulance was called.',
    note: 'Ambulance called by the citizen; no council action needed.',
    decision: 'handled',
  },
  {
    kind: 'child_at_risk',
    message: 'The children next door seem to have been left on their own for two days.',
    advice: 'Passed to the children’s front door the same hour; gave the emergency duty number for out of hours.',
    note: 'Referred to the multi-agency safeguarding hub the same hour.',
    decision: 'handled',
  },
  {
    kind: 'flood',
    message: 'Water is flooding in from the road and the drain outside is overflowing.',
    advice: 'Advised 999 if life is at risk and logged the blocked drain for the highways team.',
    note: 'Surface water only; highways cleared the gully the same day.',
    decision: 'false_alarm',
  },
  {
    kind: 'adult_at_risk',
    message: 'My elderly aunt has not eaten for days and her carer has stopped coming.',
    advice: 'Passed to adult social care for an urgent welfare check.',
    note: 'Welfare visit made the same day; care package restarted.',
    decision: 'handled',
  },
] as const;

export const CHAT_GREETING = 'Hello, you are through to the contact centre. How can I help?';
export const CHAT_THANKS = ['Thank you, that is really helpful.', 'Brilliant, thanks for your help.', 'Thanks, I will do that.'];
export const EMAIL_THANKS = 'Thank you for getting back to me so quickly.';

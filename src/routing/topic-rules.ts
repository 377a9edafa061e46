/**
 * Default topic rules: the words and phrases that point an enquiry to each service of the seed list. Each
 * organisation starts from these and edits its own (`routingKeywords` on the service). A phrase counts for more
 * than a single word; a rule only suggests, an advisor always decides.
 */
export const DEFAULT_TOPIC_RULES: Record<string, string[]> = {
  'adults-social-care': [
    'adult social care', 'social worker', 'care assessment', 'needs assessment', 'carer', 'carers assessment', 'home care', 'care home',
    'residential care', 'nursing home', 'care package', 'personal care', 'elderly', 'older person', 'dementia', 'memory',
    'safeguarding adult', 'vulnerable adult', 'falls', 'fell over', 'cannot cope', 'struggling to cope', 'mobility aid', 'grab rail',
    'stair lift', 'stairlift', 'occupational therapist', 'equipment at home', 'meals', 'respite', 'direct payment', 'learning disability',
    'live alone', 'hospital discharge', 'neglect', 'self neglect', 'wash and dress', 'adult', 'mum', 'dad', 'mother', 'father', 'pendant alarm',
  ],
  becon: [
    'becon', 'business', 'start up', 'start a business', 'small business', 'enterprise', 'grant for business', 'business grant',
    'business support', 'business advice', 'growth hub', 'investment', 'economic development', 'employer', 'employees', 'company',
    'self employed', 'trading', 'shop owner', 'commercial', 'funding for my business', 'expand', 'apprenticeship',
  ],
  'blue-badge': [
    'blue badge', 'disabled parking', 'parking permit for disabled', 'disabled badge', 'parking badge', 'badge renewal', 'renew my badge',
    'parking near', 'cannot walk far', 'walking difficulty', 'mobility', 'wheelchair', 'park closer', 'parking concession', 'disabled driver',
    'badge expired', 'lost badge', 'stolen badge', 'badge application', 'park on double yellow',
  ],
  cashiers: [
    'pay', 'payment', 'card payment', 'pay by card', 'receipt', 'refund', 'paid twice', 'debit card', 'payment reference', 'pay a bill',
    'pay an invoice from the council', 'cashier', 'cheque', 'bank transfer', 'overpaid', 'payment failed', 'direct debit', 'standing order',
    'make a payment', 'pay online', 'payment not gone through', 'sundry debt', 'amount owed',
  ],
  certificate: [
    'certificate', 'copy certificate', 'copy of birth certificate', 'copy of death certificate', 'copy of marriage certificate',
    'replacement certificate', 'lost certificate', 'certified copy', 'birth certificate', 'death certificate', 'marriage certificate',
    'civil partnership certificate', 'order a certificate', 'family history', 'genealogy', 'apostille', 'need a copy', 'historic record',
  ],
  'childrens-social-care': [
    'child protection', 'worried about a child', 'concerned about a child', 'safeguarding child', 'child at risk', 'social worker for my child',
    'children social care', 'childrens social care', 'foster', 'fostering', 'adoption', 'adopt', 'looked after', 'care leaver', 'child in need',
    'neglected child', 'abuse', 'hitting', 'left alone', 'domestic abuse', 'teenager', 'runaway', 'family support', 'early help', 'kinship',
    'special guardianship', 'child is being', 'kids',
  ],
  'family-information': [
    'family information', 'childcare', 'child care', 'child minder', 'nursery', 'nurseries', 'pre school', 'preschool', 'playgroup',
    'free childcare', '15 hours', '30 hours', 'funded hours', 'two year old funding', 'early years', 'after school club', 'holiday club',
    'activities for children', 'holiday activities', 'toddler', 'baby group', 'parenting', 'family hub', 'tax free childcare', 'children centre',
  ],
  highways: [
    'pothole', 'pot hole', 'road', 'street light', 'street lights', 'lamp post', 'light out', 'gritting', 'gritt', 'gritter', 'grit bin', 'salt',
    'ice on the road', 'pavement', 'footpath', 'kerb', 'drain', 'blocked drain', 'gully', 'flooding on the road', 'road sign', 'traffic light',
    'speed bump', 'road works', 'roadworks', 'overgrown', 'hedge', 'verge', 'tree on the road', 'fallen tree', 'road surface', 'dropped kerb',
    'parking restriction', 'yellow line', 'white line', 'bollard', 'manhole', 'crack', 'trip hazard', 'uneven', 'junction', 'bridge', 'street',
  ],
  'homes-for-ukraine': [
    'homes for ukraine', 'ukraine', 'ukrainian', 'sponsor', 'sponsorship', 'guest', 'host family', 'refugee', 'thank you payment',
    'rematching', 'visa', 'arrived from ukraine', 'hosting', 'host', 'guests', 'sponsor payment',
  ],
  'send-iass': [
    'send', 'special educational need', 'special educational needs', 'sen', 'ehc plan', 'ehc needs assessment', 'education health and care',
    'education health care plan', 'sen coordinator', 'sen support', 'autism', 'autistic', 'adhd', 'dyslexia', 'additional needs',
    'annual review', 'tribunal', 'iass', 'sendiass', 'independent advice', 'support at school', 'exclusion', 'excluded', 'special school',
    'speech and language', 'one to one support', 'learning difficulty',
  ],
  libraries: [
    'library', 'libraries', 'book', 'books', 'library card', 'borrow', 'renew my book', 'overdue', 'ebook', 'e book', 'audiobook', 'reserve a book',
    'library opening', 'mobile library', 'home library service', 'computer at the library', 'reading group', 'rhyme time', 'study space', 'fine',
  ],
  nowcard: [
    'nowcard', 'bus pass', 'concessionary', 'concessionary travel', 'free bus', 'older person bus pass', 'disabled bus pass', 'companion pass',
    'bus pass renewal', 'lost bus pass', 'bus pass expired', 'travel pass', 'pass for the bus', 'bus', 'pensioner pass',
  ],
  procure2pay: [
    'procure2pay', 'procure to pay', 'invoice', 'supplier', 'purchase order', 'po number', 'vendor', 'remittance', 'payment to supplier',
    'not been paid', 'unpaid invoice', 'outstanding invoice', 'supplier payment', 'bank details', 'change bank details', 'contractor payment',
    'accounts payable', 'new supplier', 'tender', 'procurement', 'we are owed', 'paid late',
  ],
  registration: [
    'register a birth', 'register a death', 'registering a birth', 'registering a death', 'register the birth', 'register the death',
    'registration', 'registrar', 'register office', 'notice of marriage', 'give notice', 'wedding', 'marriage ceremony', 'civil partnership ceremony',
    'citizenship ceremony', 'naming ceremony', 'renewal of vows', 'tell us once', 'appointment to register', 'registered', 'baby born', 'passed away',
    'funeral', 'stillbirth',
  ],
  'school-admissions': [
    'school admissions', 'school place', 'school places', 'apply for a school', 'primary school', 'secondary school', 'reception', 'year 7',
    'in year transfer', 'change school', 'moving school', 'school appeal', 'admission appeal', 'appeal', 'offer day', 'national offer day',
    'waiting list', 'catchment', 'oversubscribed', 'school application', 'preference', 'allocated', 'moved to the area', 'starting school',
  ],
  'school-transport': [
    'school transport', 'school bus', 'home to school transport', 'travel to school', 'taxi to school', 'free transport', 'bus to school',
    'transport to college', 'post 16 transport', 'travel assistance', 'escort', 'bus pass for school', 'school taxi', 'pick up time',
    'transport application', 'distance to school', 'walking route', 'unsafe route', 'minibus', 'driver',
  ],
  'waste-helpline': [
    'bin', 'bins', 'missed bin', 'bin not collected', 'collection', 'recycling', 'recycling centre', 'household waste', 'tip', 'waste',
    'rubbish', 'fly tipping', 'flytipping', 'fly tip', 'garden waste', 'brown bin', 'green bin', 'blue bin', 'bulky', 'bulky waste',
    'van permit', 'trailer', 'skip', 'hazardous waste', 'asbestos', 'rubble', 'booking at the tip', 'hwrc', 'litter', 'dumped',
  ],
};

/** What a consent record covers: processing the enquiry at all, or a special category of data in it. */
export type ConsentPurpose = 'processing' | 'special_category';

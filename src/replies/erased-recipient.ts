/**
 * The rule: nothing is sent to a person whose details were erased (an erasure request, or a retention sweep that
 * erased the enquiry). Whatever address or number remains would no longer be theirs to use, and the text may
 * depend on what was erased. Undefined when a reply may go.
 */
export function erasedRecipientRefusal(state: {
  enquiryErased: boolean;
  personErased: boolean;
}): { code: string; reason: string } | undefined {
  if (!state.enquiryErased && !state.personErased) return undefined;
  return {
    code: 'SUBJECT_ERASED',
    reason: 'The person’s details on this enquiry were erased: no reply can be sent to them',
  };
}

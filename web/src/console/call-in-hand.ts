/**
 * The call an advisor is logging a new enquiry for, handed from the ringing-call panel to the new-enquiry form in
 * memory only (never in the address or the history state, which browsers may keep on disk: it holds the caller's
 * number). Taken once: the form that takes it links the enquiry it creates to the call.
 */
export interface CallInHand {
  callId: string;
  callerNumber: string;
}

let held: CallInHand | undefined;

export function holdCall(call: CallInHand): void {
  held = call;
}

export function takeHeldCall(): CallInHand | undefined {
  const call = held;
  held = undefined;
  return call;
}

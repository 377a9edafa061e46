import { Matches } from 'class-validator';

/**
 * A recording reference Signpost will hold and one day ask the recording store to delete: it becomes one segment
 * of the store's URL, so it starts with a letter or digit (never "." or "..") and holds only letters, digits and
 * `. _ : -` (never "/", "%", "\", white space or control characters), at most 200 characters.
 */
export const RECORDING_REFERENCE = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,199}$/;

/** The rule in words, for error messages. */
export const RECORDING_REFERENCE_RULE =
  'must start with a letter or digit and hold only letters, digits, ".", "_", ":" and "-" (at most 200 characters)';

/** The one check of a recording reference: the push DTO and the CSV import (through the DTO) and the store use it. */
export function isSafeRecordingReference(ref: unknown): ref is string {
  return typeof ref === 'string' && RECORDING_REFERENCE.test(ref);
}

/** The class-validator form of the rule, for the call-log DTO. */
export const IsRecordingReference = (): PropertyDecorator =>
  Matches(RECORDING_REFERENCE, { message: ({ property }) => `${property} ${RECORDING_REFERENCE_RULE}` });

/** The channels whose outside systems sign their pushes with a per-organisation secret. */
export const CREDENTIAL_CHANNELS = ['phone', 'forms', 'email', 'social', 'sms'] as const;
export type CredentialChannel = (typeof CREDENTIAL_CHANNELS)[number];

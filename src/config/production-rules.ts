/**
 * Rules a production configuration must meet beyond each variable's own format, one function per rule; the
 * environment loader applies them when NODE_ENV=production.
 */

/**
 * Every secret value docker/example.env (the values docker-compose.yml takes from .env) ships as an example. Anyone can read them, so
 * a production deployment holding one is as good as unprotected. A unit test reads both files and fails if they
 * carry a secret this list does not refuse, so the two cannot drift apart.
 */
export const EXAMPLE_SECRETS: readonly string[] = [
  // JWT_SECRET
  'change-me-to-64-random-characters-change-me-to-64-random-chars',
  // SIGNPOST_SECRET_KEY
  'Y2hhbmdlLW1lLXNlY3JldC1rZXktMzItYnl0ZXMhISE=',
  // SIGNPOST_DEMO_CHANNEL_SECRET
  'whsec_Y2hhbmdlLW1lLWNoYW5uZWwtc2VjcmV0LTEyMzQ=',
  // The owner's and the runtime login's passwords (DATABASE_URL, DATABASE_RUNTIME_URL, docker/postgres-init.sh)
  'change-me-owner',
  'change-me-runtime',
  // POSTGRES_PASSWORD: the database superuser's
  'change-me-superuser',
];

/** An example secret, or a value still saying it is one ("change-me…"). */
export function isExampleSecret(value: string): boolean {
  return EXAMPLE_SECRETS.includes(value) || /change-?me/i.test(value);
}

function decoded(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** A connection URL (`scheme://…`), or nothing when the value is not one. */
function connectionUrl(value: string): URL | undefined {
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) return undefined;
  try {
    return new URL(value);
  } catch {
    return undefined;
  }
}

/**
 * Rule: production refuses the example secrets, as a whole value or as the password of a connection URL. Names
 * the variable, never the value.
 */
export function exampleSecretProblems(secrets: Record<string, string | undefined>): string[] {
  const problems: string[] = [];
  for (const [name, value] of Object.entries(secrets)) {
    if (!value) continue;
    const url = connectionUrl(value);
    // A URL's host or path may say anything; its password is the secret.
    if (url) {
      if (url.password && isExampleSecret(decoded(url.password)))
        problems.push(`${name} carries an example password published in docker-compose.yml: set a password of your own in production`);
    } else if (isExampleSecret(value)) {
      problems.push(`${name} is an example value published in docker-compose.yml: set a secret of your own in production`);
    }
  }
  return problems;
}

/** The outside services Signpost sends personal data or credentials to, by the variable naming their base URL. */
export const HTTPS_IN_PRODUCTION = ['NOTIFY_BASE_URL', 'SOCIAL_GRAPH_BASE_URL', 'RECORDING_STORE_URL'] as const;

/**
 * Rule: in production, the Notify, social Graph and recording store base URLs use https (they carry API keys,
 * page tokens, citizens' messages and recording deletions).
 */
export function plainHttpProblems(urls: Partial<Record<(typeof HTTPS_IN_PRODUCTION)[number], string>>): string[] {
  return HTTPS_IN_PRODUCTION.filter((name) => urls[name] !== undefined && !/^https:\/\//i.test(urls[name] ?? '')).map(
    (name) => `${name} must be an https URL in production`,
  );
}

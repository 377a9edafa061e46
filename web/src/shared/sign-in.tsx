import { useState } from 'preact/hooks';
import { ApiError, signIn, type Session } from './api.js';
import { TextInput } from './govuk-form.js';
import { ErrorSummary } from './layout.js';
import { SESSION_END_TEXT, takeSessionEnd } from './session-renewal.js';

/** GOV.UK-style sign-in form for staff pages; `allowed` names the roles the page is for. */
export function SignIn({
  title,
  allowed,
  onSignedIn,
}: {
  title: string;
  allowed: Session['user']['role'][];
  onSignedIn: (session: Session) => void;
}) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<{ field: string; message: string }[]>([]);
  const [busy, setBusy] = useState(false);
  const [ended] = useState(takeSessionEnd);
  const errorOf = (field: string) => errors.find((error) => error.field === field)?.message;
  return (
    <>
      <ErrorSummary errors={errors} />
      {ended && (
        <div class="govuk-notification-banner" role="region" aria-labelledby="session-ended-title" id="session-ended">
          <div class="govuk-notification-banner__header">
            <h2 class="govuk-notification-banner__title" id="session-ended-title">
              Important
            </h2>
          </div>
          <div class="govuk-notification-banner__content">
            <p class="govuk-notification-banner__heading">{SESSION_END_TEXT[ended]}</p>
          </div>
        </div>
      )}
      <h1 class="govuk-heading-l">{title}</h1>
      <form
        noValidate
        onSubmit={async (event) => {
          event.preventDefault();
          const problems = [];
          if (!email.trim()) problems.push({ field: 'email', message: 'Enter your email address' });
          if (!password) problems.push({ field: 'password', message: 'Enter your password' });
          setErrors(problems);
          if (problems.length > 0) return;
          setBusy(true);
          try {
            const session = await signIn(email.trim(), password);
            if (!allowed.includes(session.user.role)) {
              setErrors([{ field: 'email', message: `This page is for ${allowed.join(' and ')} accounts` }]);
              return;
            }
            onSignedIn(session);
          } catch (error) {
            setErrors([
              {
                field: 'email',
                message:
                  error instanceof ApiError && error.status === 401
                    ? 'The email address or password is not right'
                    : 'Sign-in failed. Try again.',
              },
            ]);
          } finally {
            setBusy(false);
          }
        }}
      >
        <TextInput
          id="email"
          label="Email address"
          type="email"
          width="one-half"
          autoComplete="username"
          error={errorOf('email')}
          value={email}
          onInput={setEmail}
        />
        <TextInput
          id="password"
          label="Password"
          type="password"
          width="one-half"
          autoComplete="current-password"
          error={errorOf('password')}
          value={password}
          onInput={setPassword}
        />
        <button type="submit" class="govuk-button" data-module="govuk-button" disabled={busy} id="sign-in">
          Sign in
        </button>
      </form>
    </>
  );
}

import { useEffect, useRef } from 'preact/hooks';
import type { ComponentChildren } from 'preact';

/** The GOV.UK page frame: header with the service name, phase-free, main landmark, footer. */
export function Page({
  serviceName,
  children,
  signedIn,
  wide,
}: {
  serviceName: string;
  children: ComponentChildren;
  signedIn?: { name: string; onSignOut: () => void };
  wide?: boolean;
}) {
  return (
    <>
      <header class="govuk-header" data-module="govuk-header">
        <div class="govuk-header__container govuk-width-container">
          <div class="govuk-header__content">
            <span class="govuk-header__service-name">{serviceName}</span>
          </div>
          {signedIn && (
            <nav aria-label="Account" class="signpost-header-account">
              <span class="govuk-body-s signpost-header-account__name">{signedIn.name}</span>{' '}
              <button
                type="button"
                class="govuk-button govuk-button--secondary govuk-!-margin-0"
                id="sign-out"
                onClick={signedIn.onSignOut}
              >
                Sign out
              </button>
            </nav>
          )}
        </div>
      </header>
      <div class={wide ? 'signpost-wide-container' : 'govuk-width-container'}>
        <main class="govuk-main-wrapper" id="main-content" tabIndex={-1}>
          {children}
        </main>
      </div>
      <footer class="govuk-footer">
        <div class="govuk-width-container">
          <div class="govuk-footer__meta">
            <div class="govuk-footer__meta-item govuk-footer__meta-item--grow">
              <p class="govuk-body-s">
                {signedIn === undefined && !wide
                  ? 'Run with Signpost. Nothing is stored in your browser until you start a chat.'
                  : 'Signpost'}
              </p>
            </div>
          </div>
        </div>
      </footer>
    </>
  );
}

/**
 * GOV.UK error summary: shown above a form, focused so screen readers announce it; focused again only when the
 * errors change (a new submission), never while the person is typing.
 */
export function ErrorSummary({ errors }: { errors: { field: string; message: string }[] }) {
  const summary = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (errors.length > 0) summary.current?.focus();
  }, [errors]);
  if (errors.length === 0) return null;
  return (
    <div class="govuk-error-summary" data-module="govuk-error-summary" tabIndex={-1} ref={summary}>
      <div role="alert">
        <h2 class="govuk-error-summary__title">There is a problem</h2>
        <div class="govuk-error-summary__body">
          <ul class="govuk-list govuk-error-summary__list">
            {errors.map((error, index) => (
              <li key={`${index}-${error.field}`}>
                <a href={`#${error.field}`}>{error.message}</a>
              </li>
            ))}
          </ul>
        </div>
      </div>
    </div>
  );
}

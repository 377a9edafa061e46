// GOV.UK Frontend's styles (with its fonts and images under /assets), and the classes its template sets by an
// inline script, which the Content-Security-Policy does not allow: set here instead.
import 'govuk-frontend/dist/govuk/govuk-frontend.min.css';
import './signpost.css';

export function enableGovukStyles(): void {
  document.body.classList.add('js-enabled', 'govuk-frontend-supported');
}

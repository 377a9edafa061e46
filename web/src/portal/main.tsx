import { render } from 'preact';
import { enableGovukStyles } from '../shared/govuk.js';
import { PortalApp } from './portal-app.js';

enableGovukStyles();
render(<PortalApp />, document.getElementById('app') as HTMLElement);

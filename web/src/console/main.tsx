import { render } from 'preact';
import { enableGovukStyles } from '../shared/govuk.js';
import { ConsoleApp } from './console-app.js';

enableGovukStyles();
render(<ConsoleApp />, document.getElementById('app') as HTMLElement);

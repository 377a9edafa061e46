import { render } from 'preact';
import { enableGovukStyles } from '../shared/govuk.js';
import { ChatApp } from './chat-app.js';

enableGovukStyles();
// /chat/:organisation
const organisation = decodeURIComponent(location.pathname.split('/').filter(Boolean)[1] ?? '');
render(<ChatApp organisation={organisation} />, document.getElementById('app') as HTMLElement);

import type { Session } from '../shared/api.js';
import { matchPath, normalise } from '../shared/router.js';

type Role = Session['user']['role'];

/** The console's navigation tabs, in the order shown. */
export type Tab =
  | 'inbox'
  | 'my-work'
  | 'chats'
  | 'new'
  | 'supervision'
  | 'saved-replies'
  | 'safeguarding'
  | 'requests'
  | 'staff'
  | 'services'
  | 'organisation'
  | 'retention'
  | 'reports';

/** What the console can show: one per address. */
export type ViewName = Tab | 'enquiry' | 'new-request' | 'request';

interface Route {
  view: ViewName;
  pattern: string;
  /** Who may see it: the one place the console decides, the tabs and the no-access page both read it. */
  roles: readonly Role[];
  /** The tab it sits under, when it is not a tab itself. */
  under?: Tab;
}

const STAFF: Role[] = ['advisor', 'supervisor'];

/**
 * Every address of the console. More specific patterns come first (`/console/enquiries/new` before
 * `/console/enquiries/:id`). The service checks every request again; this only decides what the page offers.
 */
export const CONSOLE_ROUTES: readonly Route[] = [
  { view: 'inbox', pattern: '/console/inbox', roles: STAFF },
  { view: 'my-work', pattern: '/console/my-work', roles: STAFF },
  { view: 'chats', pattern: '/console/chats', roles: STAFF },
  { view: 'new', pattern: '/console/enquiries/new', roles: STAFF },
  { view: 'enquiry', pattern: '/console/enquiries/:id', roles: STAFF, under: 'inbox' },
  { view: 'supervision', pattern: '/console/supervision', roles: ['supervisor'] },
  // Administrators may keep them through the API too.
  { view: 'saved-replies', pattern: '/console/saved-replies', roles: ['supervisor'] },
  { view: 'safeguarding', pattern: '/console/safeguarding', roles: ['supervisor', 'dpo'] },
  { view: 'requests', pattern: '/console/requests', roles: ['dpo'] },
  { view: 'new-request', pattern: '/console/requests/new', roles: ['dpo'], under: 'requests' },
  { view: 'request', pattern: '/console/requests/:id', roles: ['dpo'], under: 'requests' },
  { view: 'staff', pattern: '/console/staff', roles: ['admin'] },
  { view: 'services', pattern: '/console/services', roles: ['admin'] },
  { view: 'organisation', pattern: '/console/organisation', roles: ['admin'] },
  { view: 'retention', pattern: '/console/retention', roles: ['dpo', 'admin'] },
  // Administrators read the same figures through the API.
  { view: 'reports', pattern: '/console/reports', roles: ['supervisor', 'dpo'] },
];

/** The tabs' labels, in the order the navigation shows them. */
export const TABS: readonly [Tab, string][] = [
  ['inbox', 'Inbox'],
  ['my-work', 'My work'],
  ['chats', 'Live chat'],
  ['new', 'New enquiry'],
  ['supervision', 'Supervision'],
  ['saved-replies', 'Saved replies'],
  ['safeguarding', 'Safeguarding'],
  ['requests', 'Subject requests'],
  ['staff', 'Staff accounts'],
  ['services', 'Services'],
  ['organisation', 'Organisation'],
  ['retention', 'Retention and records'],
  ['reports', 'Reports'],
];

export const routeOf = (view: ViewName) => CONSOLE_ROUTES.find((route) => route.view === view) as Route;

/** The address of a view, its parameters filled in. */
export function pathOf(view: ViewName, params: Record<string, string> = {}): string {
  return routeOf(view).pattern.replace(/:(\w+)/g, (_, name: string) => encodeURIComponent(params[name] ?? ''));
}

export const mayOpen = (view: ViewName, role: Role) => routeOf(view).roles.includes(role);

/** Where each role lands after signing in, and what `/console` itself shows: its own main work. */
export const landing = (role: Role): Tab => (role === 'dpo' ? 'requests' : role === 'admin' ? 'staff' : 'inbox');

export type Resolved =
  | { kind: 'view'; view: ViewName; params: Record<string, string>; tab: Tab }
  | { kind: 'landing' }
  | { kind: 'no-access' }
  | { kind: 'not-found' };

/**
 * What an address shows to a role: the view, the landing page (for `/console` itself), no access (an address
 * of the console this role may not see) or not found. `from` is the tab an enquiry was opened from.
 */
export function resolveConsolePath(path: string, role: Role, from?: string): Resolved {
  const clean = normalise(path);
  if (clean === '/console') return { kind: 'landing' };
  for (const route of CONSOLE_ROUTES) {
    const params = matchPath(route.pattern, clean);
    if (!params) continue;
    if (!route.roles.includes(role)) return { kind: 'no-access' };
    const opener = TABS.find(([tab]) => tab === from && mayOpen(tab, role))?.[0];
    const tab = route.view === 'enquiry' && opener ? opener : (route.under ?? (route.view as Tab));
    return { kind: 'view', view: route.view, params, tab };
  }
  return { kind: 'not-found' };
}

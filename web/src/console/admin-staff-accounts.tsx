import { useEffect, useRef, useState } from 'preact/hooks';
import { formatInstant, request, type StaffUser } from '../shared/api.js';
import { useApi, useSession } from '../shared/session-context.js';
import { focusHeading, inWords, looksLikeEmail, onField } from './admin-common.js';
import type { ServiceEntry } from './admin-services.js';
import {
  ActionForm,
  Checkboxes,
  Radios,
  Select,
  SuccessBanner,
  TextInput,
  useSubmission,
  type Notice,
  type Problem,
} from '../shared/govuk-form.js';

type Role = StaffUser['role'];

/** A staff account as the API answers it (StaffUserDto). */
export interface StaffAccount {
  id: string;
  email: string;
  displayName: string;
  role: Role;
  service?: string;
  disabled: boolean;
  maxConcurrentChats: number;
  /** Absent from an older service. */
  maxAssignedWork?: number;
  skills: string[];
  lastLoginAt?: string;
}

const ROLE_LABELS: Record<Role, string> = {
  advisor: 'Advisor',
  supervisor: 'Supervisor',
  service: 'Service user',
  dpo: 'Data Protection Officer',
  admin: 'Administrator',
};

const ROLES: [Role, string, string][] = [
  ['advisor', ROLE_LABELS.advisor, 'Works enquiries and live chats in the console'],
  ['supervisor', ROLE_LABELS.supervisor, 'As an advisor, and also supervision and reports'],
  ['service', ROLE_LABELS.service, 'Sees only one service’s referrals, in the service portal'],
  ['dpo', ROLE_LABELS.dpo, 'Subject-rights requests, retention and records'],
  ['admin', ROLE_LABELS.admin, 'Staff accounts, services and the organisation’s settings'],
];

/** Roles that take live chats and assigned work, and so have skills, a number of chats at once and a limit of open work. */
const chatting = (role: Role) => role === 'advisor' || role === 'supervisor';

/** The API's minimum for a password (CreateStaffUserDto). */
const PASSWORD_LENGTH = 12;

const serviceOptions = (services: ServiceEntry[]): [string, string][] => [
  ['', 'Choose a service'],
  ...services.map((service): [string, string] => [service.code, service.name]),
];

function AddAccountForm({
  services,
  onAdded,
  onCancel,
}: {
  services: ServiceEntry[];
  onAdded: (message: string, added: StaffAccount) => void;
  onCancel: () => void;
}) {
  const session = useSession();
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role | ''>('');
  const [service, setService] = useState('');
  const [password, setPassword] = useState('');
  const { problems, busy, submit, errorOf } = useSubmission(
    { displayName: 'add-name', email: 'add-email', role: 'add-role', service: 'add-service', password: 'add-password' },
    'add-email',
  );
  useEffect(() => document.getElementById('add-name')?.focus(), []);
  const check = () => {
    const found: Problem[] = [];
    if (!name.trim()) found.push({ field: 'add-name', message: 'Enter the person’s full name' });
    if (!email.trim()) found.push({ field: 'add-email', message: 'Enter their work e-mail address' });
    else if (!looksLikeEmail(email.trim()))
      found.push({ field: 'add-email', message: 'Enter the e-mail address in the right form, like name@example.gov.uk' });
    if (!role) found.push({ field: 'add-role', message: 'Choose what they do' });
    else if (role === 'service' && !service) found.push({ field: 'add-service', message: 'Choose the service they work for' });
    if (password.length < PASSWORD_LENGTH)
      found.push({ field: 'add-password', message: `Enter a password of at least ${PASSWORD_LENGTH} characters` });
    return found;
  };
  return (
    <ActionForm
      id="add-account"
      title="Add an account"
      intro="The person signs in with their e-mail address and the password you set here."
      button="Add the account"
      busy={busy}
      problems={problems}
      onCancel={onCancel}
      onSubmit={() =>
        void submit(check, async () => {
          try {
            const added = await request<StaffAccount>('POST', '/api/users', session, {
              displayName: name.trim(),
              email: email.trim(),
              role,
              ...(role === 'service' ? { service } : {}),
              password,
            });
            onAdded(
              `Account added for ${added.displayName} (${ROLE_LABELS[added.role]}). Give them their password by a safe route, not in the same e-mail as their address.`,
              added,
            );
          } catch (failure) {
            throw onField(failure, {
              STAFF_EMAIL_TAKEN: { field: 'email' },
              SERVICE_REQUIRED: { field: 'service' },
              SERVICE_NOT_FOUND: { field: 'service', message: () => 'That service is not in the directory' },
            });
          }
        })
      }
    >
      <TextInput id="add-name" label="Full name" error={errorOf('add-name')} value={name} onInput={setName} width={30} />
      <TextInput
        id="add-email"
        label="E-mail address"
        hint="Their work address: they sign in with it"
        type="email"
        error={errorOf('add-email')}
        value={email}
        onInput={setEmail}
        width={30}
      />
      <Radios
        id="add-role"
        label="What they do"
        error={errorOf('add-role')}
        value={role}
        options={ROLES}
        onChange={(value) => setRole(value as Role)}
        small
      />
      {role === 'service' && (
        <Select
          id="add-service"
          label="The service they work for"
          error={errorOf('add-service')}
          value={service}
          options={serviceOptions(services)}
          onChange={setService}
        />
      )}
      <TextInput
        id="add-password"
        label="Password"
        hint={`At least ${PASSWORD_LENGTH} characters. They should change it after signing in for the first time.`}
        type="password"
        autoComplete="new-password"
        error={errorOf('add-password')}
        value={password}
        onInput={setPassword}
        width={20}
      />
    </ActionForm>
  );
}

function ChangeAccountForm({
  account,
  own,
  services,
  onChanged,
  onCancel,
}: {
  account: StaffAccount;
  own: boolean;
  services: ServiceEntry[];
  onChanged: (message: string, saved?: StaffAccount) => void;
  onCancel: () => void;
}) {
  const session = useSession();
  const [name, setName] = useState(account.displayName);
  const [role, setRole] = useState<Role>(account.role);
  const [service, setService] = useState(account.service ?? '');
  const [skills, setSkills] = useState<string[]>(account.skills);
  const [maxChats, setMaxChats] = useState(String(account.maxConcurrentChats));
  const [maxWork, setMaxWork] = useState(String(account.maxAssignedWork ?? 10));
  const [password, setPassword] = useState('');
  const { problems, busy, submit, errorOf } = useSubmission(
    {
      displayName: 'change-name',
      role: 'change-role',
      service: 'change-service',
      skills: 'change-skills',
      maxConcurrentChats: 'change-max-chats',
      maxAssignedWork: 'change-max-work',
      password: 'change-password',
    },
    'change-name',
  );
  useEffect(() => document.getElementById('change-name')?.focus(), [account.id]);
  const codes = new Set(services.map((entry) => entry.code));
  // Skills the directory no longer has are kept as they are; the page says so.
  const otherSkills = skills.filter((skill) => !codes.has(skill));
  const check = () => {
    const found: Problem[] = [];
    if (!name.trim()) found.push({ field: 'change-name', message: 'Enter the person’s full name' });
    if (role === 'service' && !service) found.push({ field: 'change-service', message: 'Choose the service they work for' });
    if (chatting(role) && (!/^\d{1,2}$/.test(maxChats.trim()) || Number(maxChats) > 20))
      found.push({ field: 'change-max-chats', message: 'Enter a whole number of chats from 0 to 20' });
    if (chatting(role) && (!/^\d{1,3}$/.test(maxWork.trim()) || Number(maxWork) > 100))
      found.push({ field: 'change-max-work', message: 'Enter a whole number of enquiries from 0 to 100' });
    if (password && password.length < PASSWORD_LENGTH)
      found.push({
        field: 'change-password',
        message: `Enter a new password of at least ${PASSWORD_LENGTH} characters, or leave it blank`,
      });
    return found;
  };
  const changes = () => {
    const body: Record<string, unknown> = {};
    if (name.trim() !== account.displayName) body.displayName = name.trim();
    if (role !== account.role) body.role = role;
    if (role === 'service' && service !== account.service) body.service = service;
    if (chatting(role)) {
      if ([...skills].sort().join() !== [...account.skills].sort().join()) body.skills = skills;
      if (Number(maxChats) !== account.maxConcurrentChats) body.maxConcurrentChats = Number(maxChats);
      if (Number(maxWork) !== (account.maxAssignedWork ?? 10)) body.maxAssignedWork = Number(maxWork);
    }
    if (password) body.password = password;
    return body;
  };
  return (
    <ActionForm
      id="change-account"
      title={`Change ${account.displayName}’s account`}
      intro={
        own ? undefined : 'A change of role or service signs them out at once, everywhere; they then sign in again with the new access.'
      }
      button="Save the changes"
      busy={busy}
      problems={problems}
      onCancel={onCancel}
      onSubmit={() =>
        void submit(check, async () => {
          const body = changes();
          if (Object.keys(body).length === 0) return onChanged(`${account.displayName}: nothing was changed`);
          try {
            const saved = await request<StaffAccount>('PATCH', `/api/users/${account.id}`, session, body);
            const what = [
              body.displayName !== undefined && 'name',
              body.role !== undefined && `role (now ${ROLE_LABELS[saved.role].toLowerCase()})`,
              body.service !== undefined && 'service',
              body.skills !== undefined && 'chat skills',
              body.maxConcurrentChats !== undefined && 'chats at once',
              body.maxAssignedWork !== undefined && 'open enquiries assigned at most',
              body.password !== undefined && 'password',
            ].filter((part): part is string => Boolean(part));
            onChanged(`${saved.displayName}’s account: ${inWords(what)} changed`, saved);
          } catch (failure) {
            throw onField(failure, {
              SERVICE_REQUIRED: { field: 'service' },
              SERVICE_NOT_ALLOWED: { field: 'role' },
              SERVICE_NOT_FOUND: { field: 'service', message: () => 'That service is not in the directory' },
            });
          }
        })
      }
    >
      <p class="govuk-body">E-mail address: {account.email}</p>
      <TextInput id="change-name" label="Full name" error={errorOf('change-name')} value={name} onInput={setName} width={30} />
      {own ? (
        <div class="govuk-inset-text" id="own-role">
          You are an administrator. Your own role cannot be changed here: another administrator changes it, so that the organisation is
          never left without one.
        </div>
      ) : (
        <Radios
          id="change-role"
          label="What they do"
          error={errorOf('change-role')}
          value={role}
          options={ROLES}
          onChange={(value) => setRole(value as Role)}
          small
        />
      )}
      {role === 'service' && (
        <Select
          id="change-service"
          label="The service they work for"
          error={errorOf('change-service')}
          value={service}
          options={serviceOptions(services)}
          onChange={setService}
        />
      )}
      {chatting(role) && (
        <>
          <Checkboxes
            id="change-skills"
            label="Live chats they take"
            hint={`A chat about one of these services goes only to advisors who have it, and so does an e-mail, form or social message when they are assigned automatically; those with no topic go to anyone.${otherSkills.length > 0 ? ` Also kept: ${otherSkills.join(', ')}.` : ''}`}
            error={errorOf('change-skills')}
            values={skills}
            options={services.map((entry): [string, string] => [entry.code, entry.name])}
            onChange={setSkills}
            small
          />
          <TextInput
            id="change-max-chats"
            label="Live chats at once"
            hint="From 0 to 20. With 0 they are offered no chats."
            width={2}
            inputMode="numeric"
            error={errorOf('change-max-chats')}
            value={maxChats}
            onInput={setMaxChats}
          />
          <TextInput
            id="change-max-work"
            label="Open enquiries assigned at most"
            hint="From 0 to 100. When e-mails, forms and social messages are assigned automatically, they are given no more once they hold this many open enquiries. With 0 they are given none."
            width={3}
            inputMode="numeric"
            error={errorOf('change-max-work')}
            value={maxWork}
            onInput={setMaxWork}
          />
        </>
      )}
      {!own && (
        <TextInput
          id="change-password"
          label="New password (optional)"
          hint={`For someone who has forgotten theirs: at least ${PASSWORD_LENGTH} characters. It signs them out everywhere. Tell them it in person or by phone, never by e-mail. Leave blank to keep their password.`}
          type="password"
          autoComplete="new-password"
          error={errorOf('change-password')}
          value={password}
          onInput={setPassword}
          width={20}
        />
      )}
    </ActionForm>
  );
}

/** Disabling (or re-enabling) an account, after saying what it does. */
function AccountStatusForm({
  account,
  onChanged,
  onCancel,
}: {
  account: StaffAccount;
  onChanged: (message: string, saved: StaffAccount) => void;
  onCancel: () => void;
}) {
  const session = useSession();
  const disabling = !account.disabled;
  const { problems, busy, submit } = useSubmission({}, 'account-status');
  // The question takes the place of the table: the focus goes to its heading, read first.
  useEffect(() => focusHeading('account-status-title'), [account.id]);
  return (
    <ActionForm
      id="account-status"
      title={disabling ? `Disable ${account.displayName}’s account?` : `Re-enable ${account.displayName}’s account?`}
      intro={
        disabling
          ? 'They are signed out at once, everywhere, and cannot sign in until the account is re-enabled. What they did stays on the records under their name.'
          : 'They can sign in again with their e-mail address and password, with the role the account had.'
      }
      button={disabling ? 'Disable the account' : 'Re-enable the account'}
      warning={disabling}
      busy={busy}
      problems={problems}
      onCancel={onCancel}
      onSubmit={() =>
        void submit(
          () => [],
          async () => {
            const saved = await request<StaffAccount>('PATCH', `/api/users/${account.id}`, session, { disabled: disabling });
            onChanged(
              saved.disabled
                ? `${saved.displayName}’s account is disabled: they are signed out and cannot sign in`
                : `${saved.displayName}’s account is re-enabled: they can sign in again`,
              saved,
            );
          },
        )
      }
    >
      <p class="govuk-body">
        {account.email}, {ROLE_LABELS[account.role].toLowerCase()}
      </p>
    </ActionForm>
  );
}

type Mode = { kind: 'list' } | { kind: 'add' } | { kind: 'change'; account: StaffAccount } | { kind: 'status'; account: StaffAccount };

/**
 * The administrator's staff accounts: who can sign in, with what role, and when they last did; adding an
 * account, changing one's name, role, service or chat skills, and disabling or re-enabling one. The administrator
 * signed in cannot disable their own account or change their own role here.
 */
export function StaffAccounts() {
  const session = useSession();
  const [accounts, setAccounts] = useState<StaffAccount[]>();
  const directory = useApi<ServiceEntry[]>('/api/services');
  const services = directory.data ?? [];
  const [listError, setError] = useState<string>();
  const error = listError ?? directory.error;
  const [mode, setMode] = useState<Mode>({ kind: 'list' });
  const [notice, setNotice] = useState<Notice>();
  const [focusOn, setFocusOn] = useState<{ id: string; at: number }>();
  // Only the list asked for last is shown: one asked for before a change is out of date when it comes.
  const asked = useRef(0);
  const load = () => {
    const mine = ++asked.current;
    return request<StaffAccount[]>('GET', '/api/users', session).then(
      (list) => {
        if (mine === asked.current) setAccounts(list);
      },
      (failure: Error) => setError(failure.message),
    );
  };
  useEffect(() => void load(), [session]);
  // Back from a form to where the person was.
  useEffect(() => {
    if (focusOn) document.getElementById(focusOn.id)?.focus();
  }, [focusOn]);

  const back = (id: string) => {
    setMode({ kind: 'list' });
    setFocusOn({ id, at: Date.now() });
  };
  /** The list shows the account as the API saved it at once, with the banner; the whole list is then read again. */
  const done = (text: string, saved?: StaffAccount) => {
    if (saved) {
      asked.current += 1;
      setAccounts((list) =>
        list?.some((account) => account.id === saved.id)
          ? list.map((account) => (account.id === saved.id ? saved : account))
          : [...(list ?? []), saved].sort((a, b) => a.email.localeCompare(b.email)),
      );
    }
    setMode({ kind: 'list' });
    setNotice({ text, at: Date.now() });
    void load();
  };
  const serviceName = (code?: string) => services.find((entry) => entry.code === code)?.name ?? code;

  return (
    <>
      <SuccessBanner id="staff-notice" notice={notice} />
      <h1 class="govuk-heading-l">Staff accounts</h1>
      <p class="govuk-body">
        Everyone who signs in to the console or the service portal. An account is never deleted, so that what its holder did stays
        attributed: disable it instead.
      </p>
      {error && (
        <p class="govuk-error-message" role="alert">
          {error}
        </p>
      )}
      {mode.kind === 'add' && <AddAccountForm services={services} onAdded={done} onCancel={() => back('add-account-button')} />}
      {mode.kind === 'change' && (
        <ChangeAccountForm
          account={mode.account}
          own={mode.account.id === session.user.id}
          services={services}
          onChanged={done}
          onCancel={() => back(`change-${mode.account.id}`)}
        />
      )}
      {mode.kind === 'status' && (
        <AccountStatusForm account={mode.account} onChanged={done} onCancel={() => back(`status-${mode.account.id}`)} />
      )}
      {mode.kind === 'list' && (
        <>
          <button type="button" class="govuk-button" id="add-account-button" onClick={() => setMode({ kind: 'add' })}>
            Add an account
          </button>
          {accounts && (
            <table class="govuk-table" id="staff-accounts">
              <caption class="govuk-table__caption govuk-table__caption--m">Accounts ({accounts.length})</caption>
              <thead class="govuk-table__head">
                <tr class="govuk-table__row">
                  <th scope="col" class="govuk-table__header">
                    Name
                  </th>
                  <th scope="col" class="govuk-table__header">
                    E-mail address
                  </th>
                  <th scope="col" class="govuk-table__header">
                    Role
                  </th>
                  <th scope="col" class="govuk-table__header">
                    Service
                  </th>
                  <th scope="col" class="govuk-table__header">
                    Last signed in
                  </th>
                  <th scope="col" class="govuk-table__header">
                    Status
                  </th>
                  <th scope="col" class="govuk-table__header">
                    <span class="govuk-visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody class="govuk-table__body">
                {accounts.map((account) => {
                  const own = account.id === session.user.id;
                  return (
                    <tr class="govuk-table__row" key={account.id} id={`account-${account.id}`}>
                      <th scope="row" class="govuk-table__header signpost-pre-wrap">
                        {account.displayName}
                        {own && (
                          <span class="govuk-body-s govuk-!-display-block govuk-!-margin-bottom-0 govuk-!-font-weight-regular">(you)</span>
                        )}
                      </th>
                      <td class="govuk-table__cell signpost-pre-wrap">{account.email}</td>
                      <td class="govuk-table__cell">{ROLE_LABELS[account.role] ?? account.role}</td>
                      <td class="govuk-table__cell">
                        {account.role === 'service' ? serviceName(account.service) : ''}
                        {chatting(account.role) && account.skills.length > 0 && (
                          <span class="govuk-body-s govuk-!-margin-bottom-0">Chats: {account.skills.map(serviceName).join(', ')}</span>
                        )}
                      </td>
                      <td class="govuk-table__cell">{account.lastLoginAt ? formatInstant(account.lastLoginAt) : 'Never'}</td>
                      <td class="govuk-table__cell">
                        <strong class={`govuk-tag ${account.disabled ? 'govuk-tag--grey' : 'govuk-tag--green'}`}>
                          {account.disabled ? 'Disabled' : 'Active'}
                        </strong>
                      </td>
                      <td class="govuk-table__cell">
                        <button
                          type="button"
                          class="govuk-link signpost-link-button"
                          id={`change-${account.id}`}
                          onClick={() => setMode({ kind: 'change', account })}
                        >
                          Change<span class="govuk-visually-hidden"> {own ? 'your account' : `${account.displayName}’s account`}</span>
                        </button>
                        {!own && (
                          <>
                            <br />
                            <button
                              type="button"
                              class="govuk-link signpost-link-button govuk-!-margin-top-2"
                              id={`status-${account.id}`}
                              onClick={() => setMode({ kind: 'status', account })}
                            >
                              {account.disabled ? 'Re-enable' : 'Disable'}
                              <span class="govuk-visually-hidden"> {account.displayName}’s account</span>
                            </button>
                          </>
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          )}
        </>
      )}
    </>
  );
}

import { describe, expect, it } from '@jest/globals';
import { runtimeRoleProblems, type RolePower } from './database-roles.js';

const power = (overrides: Partial<RolePower>): RolePower => ({
  role: 'signpost_app',
  itself: true,
  superuser: false,
  bypass: false,
  owner: false,
  ...overrides,
});

describe('rule: the runtime login can never step around row-level security, by itself or through a role it is a member of', () => {
  it('has nothing to say about a login with none of these powers', () => {
    expect(runtimeRoleProblems([])).toEqual([]);
  });

  it("names the login's own powers", () => {
    expect(runtimeRoleProblems([power({ bypass: true, owner: true })])).toEqual([
      'has BYPASSRLS, owns tables or schemas of the application (public, pgboss)',
    ]);
  });

  it('names each role it inherits a power from, and which power', () => {
    expect(
      runtimeRoleProblems([
        power({ role: 'signpost_owner', itself: false, owner: true }),
        power({ role: 'reporting_admin', itself: false, bypass: true }),
        power({ role: 'postgres', itself: false, superuser: true, bypass: true }),
      ]),
    ).toEqual([
      'is a member of "signpost_owner", which owns tables or schemas of the application (public, pgboss)',
      'is a member of "reporting_admin", which has BYPASSRLS',
      'is a member of "postgres", which is a superuser and has BYPASSRLS',
    ]);
  });

  it('says only that a superuser login is a superuser (it is a member of every role)', () => {
    expect(
      runtimeRoleProblems([power({ superuser: true, bypass: true }), power({ role: 'signpost_owner', itself: false, owner: true })]),
    ).toEqual(['is a superuser, has BYPASSRLS']);
  });
});

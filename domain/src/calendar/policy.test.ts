import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ROLES, type Role } from '../auth/roles.ts';
import { calendarAbilities, mayEditCalendar } from './policy.ts';

test('the working-day calendar: the platform admin edits it, every other role only reads', () => {
  for (const role of ROLES) {
    const a = { id: 'u', username: 'u', role: role as Role, scope: { regionPrefix: '', industries: null, enterpriseId: null } };
    const expected = role === 'platformAdmin';
    assert.equal(mayEditCalendar(a), expected, role);
    assert.deepEqual(calendarAbilities(a), { 'calendar.edit': expected }, role);
  }
});

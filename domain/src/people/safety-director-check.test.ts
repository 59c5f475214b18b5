// The directory's 安全总监 tied to the people records: required and missing, named but not
// recorded, recorded without a 合格证, with an expired one, or with a valid one.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { safetyDirectorCheck } from './safety-director-check.ts';

const ent = (safetyDirector: string | null) => ({
  employees: 150,
  revenueWan: null,
  highRisk: ['hazardousChemicals'] as const,
  safetyDirector,
});
const today = '2026-12-07';

test('the safety director against the people records', () => {
  assert.equal(safetyDirectorCheck({ ...ent(null), highRisk: [] }, [], today), 'notRequired');
  assert.equal(safetyDirectorCheck(ent(null), [], today), 'missing');
  assert.equal(safetyDirectorCheck(ent('王强'), [], today), 'notRecorded');
  assert.equal(
    safetyDirectorCheck(ent('王强'), [{ name: '王强', position: 'other', qualificationValidTo: ['2028-01-01'] }], today),
    'notRecorded',
  );
  assert.equal(
    safetyDirectorCheck(ent('王强'), [{ name: '王强', position: 'safetyManager', qualificationValidTo: [] }], today),
    'noQualification',
  );
  assert.equal(
    safetyDirectorCheck(ent('王强'), [{ name: '王强', position: 'safetyManager', qualificationValidTo: ['2026-12-06'] }], today),
    'qualificationExpired',
  );
  assert.equal(
    safetyDirectorCheck(ent('王强'), [{ name: '王强', position: 'principal', qualificationValidTo: ['2026-12-07'] }], today),
    'ok',
  );
  assert.equal(
    safetyDirectorCheck(
      ent(' 王强 '),
      [{ name: '王强', position: 'safetyManager', qualificationValidTo: ['2020-01-01', '2029-01-01'] }],
      today,
    ),
    'ok',
  );
});

// Raw times (QueryOptions.rawTimes) read back as the same moments and days the database counts,
// on the test database (PGlite or PostgreSQL), in the session time zones our servers run in and in
// ones with odd offsets; and the converter on its own for what a database may write.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { openTestDb, type TestDb } from '../test/harness.ts';
import { isoFromPg } from './times.ts';

describe('raw times', () => {
  let t: TestDb;
  before(async () => {
    t = await openTestDb();
  });
  after(() => t.drop());

  const moments = [
    "'2026-11-23 16:30:00.123456+00'",
    "'2026-11-24 00:00:00+08'",
    "'2026-03-29 01:30:00.5+00'",
    "'1999-12-31 23:59:59.999999+00'",
    "'1890-06-01 12:00:00+00'",
    'now()',
  ];
  for (const zone of ['UTC', 'Asia/Shanghai', 'America/St_Johns', 'Asia/Kathmandu', 'Europe/Amsterdam']) {
    test(`timestamptz text in ${zone} is the driver's moment; dates stay the day`, async () => {
      await t.db.transaction(async (tx) => {
        await tx.query(`SET LOCAL TimeZone = '${zone}'`);
        const sql = `SELECT ${moments.map((m, i) => `${m}::timestamptz AS m${i}`).join(', ')}, '2026-12-31'::date AS d, NULL::timestamptz AS n`;
        const [raw] = await tx.query<Record<string, string | null>>(sql, [], { rawTimes: true });
        // The moments by the database's own count of milliseconds (PGlite's Dates are wrong outside UTC).
        const epochs = `SELECT ${moments.map((m, i) => `floor(extract(epoch FROM ${m}::timestamptz) * 1000)::float8 AS m${i}`).join(', ')}`;
        const [ms] = await tx.query<Record<string, number>>(epochs);
        assert.ok(raw && ms);
        for (let i = 0; i < moments.length; i++) {
          const text = raw[`m${i}`] as string;
          assert.equal(typeof text, 'string');
          if (zone !== 'UTC') assert.doesNotMatch(text, /\+00$/, 'written in the session time zone');
          assert.equal(isoFromPg(text), new Date(ms[`m${i}`] as number).toISOString(), `${moments[i]} in ${zone}: ${text}`);
        }
        assert.equal(raw.d, '2026-12-31');
        assert.equal(raw.n, null);
      });
    });
  }
});

test('isoFromPg: UTC text by string, other offsets by arithmetic, anything else through Date', () => {
  assert.equal(isoFromPg('2026-11-23 16:30:00.123456+00'), '2026-11-23T16:30:00.123Z');
  assert.equal(isoFromPg('2026-11-23 16:30:00+00'), '2026-11-23T16:30:00.000Z');
  assert.equal(isoFromPg('2026-11-24 00:30:00.1+08'), '2026-11-23T16:30:00.100Z');
  assert.equal(isoFromPg('2026-11-23 13:00:00-03:30'), '2026-11-23T16:30:00.000Z');
  assert.equal(isoFromPg('1890-01-01 00:05:43+00:05:43'), '1890-01-01T00:00:00.000Z');
  assert.equal(isoFromPg('2026-11-23T16:30:00Z'), '2026-11-23T16:30:00.000Z');
  assert.throws(() => isoFromPg('infinity'), RangeError);
});

// Document numbers: the counter of a county and year hands out distinct, consecutive serials to
// concurrent creations and takes back a rolled-back one; migration 018 numbers the hazards that
// existed before it (and fills what else it adds) so that new ones go on from there.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { setTimeout } from 'node:timers/promises';
import { DEFAULT_HAZARD_NUMBER_PATTERN, DOCUMENT_TYPES, TIER_LEVEL_LABELS } from '@taishan/domain';
import type { Db } from '../db/db.ts';
import { migrate } from '../db/migrate.ts';
import { loadRegions } from '../modules/regions/load.ts';
import { creditCode, openBareTestDb } from '../test/harness.ts';
import { documentCounty, dossierNumber, newDocumentNumber, nextDocumentNumber } from './numbers.ts';

describe('document numbers', () => {
  let db: Db;
  let drop: () => Promise<void>;
  const ids: Record<string, string> = {};

  before(async () => {
    ({ db, drop } = await openBareTestDb());
    // The database as it was before migration 018, with hazards, an inspection and an escalation.
    await migrate(db, '017');
    await loadRegions(db, ['32']);
    const enterprise = async (n: number, region: string) =>
      (
        await db.query<{ id: string }>(
          `INSERT INTO enterprises (credit_code, name, region_code, industry_code) VALUES ($1, $2, $3, '2614') RETURNING id`,
          [creditCode(n, region.slice(0, 6)), `文号测试${n}`, region],
        )
      )[0]?.id as string;
    const zjg = await enterprise(1, '320582100000');
    const zjg2 = await enterprise(2, '320582101000');
    const sucheng = await enterprise(3, '321302001000');
    const hazard = async (key: string, enterpriseId: string, createdAt: string) => {
      const [h] = await db.query<{ id: string }>(
        `INSERT INTO hazards (enterprise_id, description, level, found_tier, found_by, created_at)
         VALUES ($1, $2, 'general', 'patrol', 'town', $3) RETURNING id`,
        [enterpriseId, key, createdAt],
      );
      ids[key] = h?.id as string;
    };
    // Out of order, two townships of one county, a second county, and the turn of the year in Beijing.
    await hazard('zjg-2026-b', zjg2, '2026-03-01T00:00:00Z');
    await hazard('zjg-2026-a', zjg, '2026-02-01T00:00:00Z');
    await hazard('zjg-2025', zjg, '2025-12-31T15:59:00Z'); // 23:59 on 31 December in Beijing
    await hazard('zjg-2026-first', zjg, '2025-12-31T16:01:00Z'); // 00:01 on 1 January in Beijing
    await hazard('sucheng-2026', sucheng, '2026-05-01T00:00:00Z');
    await db.query(
      `INSERT INTO hazard_transitions (hazard_id, action, from_status, to_status, actor, reason)
       VALUES ($1, 'escalate', 'assigned', 'assigned', 'system', '逾期未整改，升级至county')`,
      [ids['zjg-2026-a']],
    );
    const [checklist] = await db.query<{ id: string }>(
      `INSERT INTO checklist_templates (code, version, name, tiers, items) VALUES ('t', 1, 't', '{patrol}', '[]') RETURNING id`,
    );
    const [inspection] = await db.query<{ id: string }>(
      `INSERT INTO inspections (enterprise_id, tier, checklist_id, planned_date, planned_by, results)
       VALUES ($1, 'patrol', $2, '2026-11-01', 'town', $3::jsonb) RETURNING id`,
      [
        zjg,
        checklist?.id,
        JSON.stringify([
          { itemCode: 'A', result: 'fail', note: null, photos: ['photos/1', 'photos/2'] },
          { itemCode: 'B', result: 'pass', note: null, photos: [] },
          { itemCode: 'C', result: 'fail', note: null, photos: ['photos/2'] },
        ]),
      ],
    );
    ids.inspection = inspection?.id as string;
    assert.deepEqual(await migrate(db, '018'), ['018_document_numbers']);
    await migrate(db); // the later migrations, so the tests below run on today's schema
  });
  after(() => drop());

  test('existing hazards are numbered by county and Beijing year, in the order they were registered', async () => {
    const rows = await db.query<{ description: string; number: string }>('SELECT description, number FROM hazards');
    const number = Object.fromEntries(rows.map((r) => [r.description, r.number]));
    assert.deepEqual(number, {
      'zjg-2025': '张家港市〔2025〕隐患第 0001 号',
      'zjg-2026-first': '张家港市〔2026〕隐患第 0001 号',
      'zjg-2026-a': '张家港市〔2026〕隐患第 0002 号',
      'zjg-2026-b': '张家港市〔2026〕隐患第 0003 号',
      'sucheng-2026': '宿城区〔2026〕隐患第 0001 号',
    });
    // The migration writes the default pattern: the same as the formatter does.
    assert.equal(DEFAULT_HAZARD_NUMBER_PATTERN, '{county}〔{year}〕隐患第 {serial:4} 号');
    // New numbers go on after the migrated ones.
    assert.equal(await nextDocumentNumber(db, 'hazard', '320582', 2026), 4);
    assert.equal(await nextDocumentNumber(db, 'hazard', '320582', 2025), 2);
    assert.equal(await nextDocumentNumber(db, 'hazard', '321302', 2026), 2);
    assert.equal(await nextDocumentNumber(db, 'hazard', '320583', 2026), 1, 'a county without hazards starts at 1');
  });

  test("an inspection's uploaded photos are those its results held; escalations name the level, not the code", async () => {
    const [i] = await db.query<{ uploaded_photos: string[] }>('SELECT uploaded_photos FROM inspections WHERE id = $1', [ids.inspection]);
    assert.deepEqual([...(i?.uploaded_photos ?? [])].sort(), ['photos/1', 'photos/2']);
    const [t] = await db.query<{ reason: string }>("SELECT reason FROM hazard_transitions WHERE action = 'escalate'");
    assert.equal(t?.reason, `逾期未整改，升级至${TIER_LEVEL_LABELS.county.zh}`);
  });

  test('the county that numbers a place: its county, or the city where a city has no counties', async () => {
    assert.deepEqual(await documentCounty(db, '320582101000'), { code: '320582', name: '张家港市' });
    assert.deepEqual(await documentCounty(db, '321302001000'), { code: '321302', name: '宿城区' });
    const n = await newDocumentNumber(db, 'hazard', '321302001000', DEFAULT_HAZARD_NUMBER_PATTERN, new Date('2026-12-31T16:30:00Z'));
    assert.deepEqual(n, { number: '宿城区〔2027〕隐患第 0001 号', county: '宿城区', year: 2027, serial: 1 }, "Beijing's year");
  });

  test('concurrent creations in one county get distinct, consecutive numbers; a rollback gives its number back', async () => {
    const year = 2030;
    // Each holds its transaction open a while after taking its number, as a creation does.
    const taken = await Promise.all(
      Array.from({ length: 12 }, () =>
        db.transaction(async (tx) => {
          const n = await nextDocumentNumber(tx, 'hazard', '320582', year);
          await setTimeout(5);
          return n;
        }),
      ),
    );
    assert.deepEqual(
      [...taken].sort((a, b) => a - b),
      Array.from({ length: 12 }, (_, i) => i + 1),
    );
    await assert.rejects(
      db.transaction(async (tx) => {
        assert.equal(await nextDocumentNumber(tx, 'hazard', '320582', year), 13);
        throw new Error('creation failed');
      }),
      /creation failed/,
    );
    assert.equal(await nextDocumentNumber(db, 'hazard', '320582', year), 13, 'no gap');
  });

  test('a scoped caller takes numbers through the function only, not the counters', async () => {
    await db.transaction(async (tx) => {
      await tx.query("SELECT set_config('role', 'taishan_app', true), set_config('taishan.region_prefix', '320582100', true)");
      assert.equal(await nextDocumentNumber(tx, 'hazard', '320582', 2031), 1);
      await assert.rejects(tx.query('SELECT * FROM document_counters'), /permission denied/);
    });
  });

  test('an issuing department numbers its own documents of a type and year, in its pattern with its short name', async () => {
    const at = new Date('2026-06-01T00:00:00Z');
    const order = (issuer?: { key: string; short: string | null }) =>
      newDocumentNumber(db, 'rectificationOrder', '321302001000', DOCUMENT_TYPES.rectificationOrder.pattern, at, issuer);
    assert.equal((await order({ key: 'dept-a', short: '宿城' })).number, '（宿城）应急责改〔2026〕1号');
    assert.equal((await order({ key: 'dept-a', short: '宿城' })).number, '（宿城）应急责改〔2026〕2号');
    assert.equal((await order({ key: 'dept-b', short: '宿豫' })).number, '（宿豫）应急责改〔2026〕1号', 'another issuer counts apart');
    assert.equal((await order()).number, '（宿城区）应急责改〔2026〕1号', 'the county, where no department issues');
    const penalty = await newDocumentNumber(db, 'penaltyDecision', '321302001000', DOCUMENT_TYPES.penaltyDecision.pattern, at, {
      key: 'dept-a',
      short: '宿城',
    });
    assert.equal(penalty.number, '（宿城）应急罚〔2026〕1号', 'another type counts apart');
  });

  test("a hazard dossier's number is issued once, on first generation, and kept", async () => {
    const at = new Date('2026-07-01T00:00:00Z');
    const first = await db.transaction((tx) => dossierNumber(tx, ids['sucheng-2026'] as string, at));
    assert.equal(first, '宿城区〔2026〕隐患档第 0001 号');
    assert.equal(await db.transaction((tx) => dossierNumber(tx, ids['sucheng-2026'] as string, at)), first, 'stable');
    await assert.rejects(
      db.transaction(async (tx) => {
        await dossierNumber(tx, ids['zjg-2026-a'] as string, at);
        throw new Error('download failed');
      }),
    );
    assert.equal(
      await db.transaction((tx) => dossierNumber(tx, ids['zjg-2026-a'] as string, at)),
      '张家港市〔2026〕隐患档第 0001 号',
      'no gap',
    );
  });
});

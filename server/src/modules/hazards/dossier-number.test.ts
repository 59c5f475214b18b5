// The dossier's official number: issued, and audited, once — on the first download by an official —
// and the same number on every download after, also when two first downloads run at once.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { type CastApp, openCastApp } from '../../test/harness.ts';

let t: CastApp;
before(async () => {
  t = await openCastApp();
});
after(() => t.close());

async function reportHazard(description: string): Promise<string> {
  const res = await t.inject(t.cookies.ent, 'POST', '/api/v1/hazards', { enterpriseId: t.enterpriseId, description });
  assert.equal(res.statusCode, 201, res.body);
  return res.json().id;
}
const download = (cookie: string, id: string) => t.inject(cookie, 'GET', `/api/v1/hazards/${id}/dossier.pdf`);
const issued = (id: string) =>
  t.db.query<{ actor_name: string; after: { dossierNumber: string }; region_code: string }>(
    `SELECT actor_name, after, region_code FROM audit_events WHERE action = 'hazard.dossierNumberIssued' AND entity_id = $1`,
    [id],
  );
const stored = async (id: string) =>
  (await t.db.query<{ dossier_number: string | null }>('SELECT dossier_number FROM hazards WHERE id = $1', [id]))[0]?.dossier_number;

test('an enterprise’s download shows no number and issues none; the first official download issues it with one audit event; later downloads, by anyone, neither issue nor audit', async () => {
  const id = await reportHazard('配电室门未上锁');
  assert.equal(await stored(id), null);
  assert.deepEqual(await issued(id), [], 'reporting issues no dossier number');
  // The number is the county's document number: the enterprise's own download does not use one up.
  assert.equal((await download(t.cookies.ent, id)).statusCode, 200);
  assert.equal(await stored(id), null);
  assert.deepEqual(await issued(id), []);
  assert.equal((await download(t.cookies.town, id)).statusCode, 200);
  const number = await stored(id);
  assert.ok(number, 'the number is stored with the hazard');
  const events = await issued(id);
  assert.equal(events.length, 1);
  assert.equal(events[0]?.actor_name, 'cast-town');
  assert.equal(events[0]?.after.dossierNumber, number);
  assert.equal(events[0]?.region_code, '320582100000');
  assert.equal((await download(t.cookies.county, id)).statusCode, 200);
  assert.equal((await download(t.cookies.ent, id)).statusCode, 200, 'the enterprise then gets the numbered dossier');
  assert.equal(await stored(id), number);
  assert.equal((await issued(id)).length, 1);
});

test('two first downloads at once: one number, one audit event', async () => {
  const id = await reportHazard('消防通道堆放杂物');
  const [a, b] = await Promise.all([download(t.cookies.county, id), download(t.cookies.town, id)]);
  assert.equal(a.statusCode, 200);
  assert.equal(b.statusCode, 200);
  const events = await issued(id);
  assert.equal(events.length, 1);
  assert.equal(events[0]?.after.dossierNumber, await stored(id));
});

test('a hazard out of scope has no dossier: 404, nothing issued', async () => {
  const id = await reportHazard('叉车无证驾驶');
  assert.equal((await download(t.cookies.kunshan, id)).statusCode, 404);
  assert.equal(await stored(id), null);
  assert.deepEqual(await issued(id), []);
});

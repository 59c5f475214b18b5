import assert from 'node:assert/strict';
import { buffer } from 'node:stream/consumers';
import { test } from 'node:test';
import { setTimeout } from 'node:timers/promises';
import { loadFont } from '../../documents/font.ts';
import { pdfObjects, pdfText } from '../../test/pdf.ts';
import { makePng } from '../../test/png.ts';
import { shanghaiTime } from '../../time.ts';
import { DOSSIER_FALLBACK_FONTS, DOSSIER_FONT, DOSSIER_MAX_PHOTOS, type DossierInput, dossierFonts, hazardDossier } from './dossier.ts';
import type { HazardRow } from './store.ts';

const hazard: HazardRow = {
  id: '3f2a9c1e-0000-4000-8000-000000000001',
  number: '张家港市〔2026〕隐患第 0042 号',
  dossier_number: null,
  enterprise_id: '3f2a9c1e-0000-4000-8000-000000000002',
  enterprise_name: '鑫垚化工有限公司',
  region_code: '320582100000',
  industry_code: '2614',
  inspection_id: null,
  checklist_item: null,
  description: '储罐区防火堤破损',
  location: '储罐区',
  evidence: [],
  level: 'general',
  found_tier: 'self',
  found_by: 'entadmin',
  status: 'rectifying',
  owner: '李安全',
  measures: '修复防火堤',
  funds: 1.5,
  deadline: '2026-12-31',
  contingency: '设置警戒区',
  rectification_note: null,
  rectification_evidence: [],
  listed_tier: null,
  listing_deadline: null,
  listing_officer: null,
  listed_at: null,
  escalated_tier: null,
  overdue: false,
  closed_at: null,
  version: 3,
  created_at: '2026-11-23T16:30:00Z',
  updated_at: '2026-11-23T16:30:00Z',
};

/** A dossier's input: this hazard, nothing else, generated at 10:00 Beijing time; `over` replaces. */
const inputWith = (over: Partial<DossierInput>): DossierInput => ({
  hazard,
  transitions: [],
  inspection: null,
  photos: [],
  readPhoto: async () => null,
  generatedAt: new Date('2026-11-24T02:00:00Z'),
  actors: {},
  ...over,
});

/** The whole dossier, read from its stream. */
const pdfOf = async (over: Partial<DossierInput>): Promise<Buffer> => buffer(await hazardDossier(inputWith(over)));

test('times are Beijing time', () => {
  assert.equal(shanghaiTime('2026-11-23T16:30:00Z'), '2026-11-24 00:30:00');
  assert.equal(shanghaiTime(null), '—');
});

test(`a dossier draws at most ${DOSSIER_MAX_PHOTOS} photos, says how many more there are, and survives a missing one`, async () => {
  const photos = Array.from({ length: DOSSIER_MAX_PHOTOS + 2 }, (_, n) => ({ key: `photos/${n}`, caption: `整改照片 ${n + 1}` }));
  const read: string[] = [];
  const pdf = await pdfOf({
    photos,
    readPhoto: async (key) => {
      read.push(key);
      return key === 'photos/3' ? null : makePng(60, 40);
    },
  });
  assert.equal(read.length, DOSSIER_MAX_PHOTOS, 'photos past the cap are not even read');
  assert.equal(pdfObjects(pdf, 'Image'), DOSSIER_MAX_PHOTOS - 1);
  const text = pdfText(pdf);
  for (const s of ['另有2张', '此图片无法收入档案', '鑫垚化工有限公司', '生成于2026-11-2410:00:00', '2026-11-2400:30:00', '尚未验收'])
    assert.ok(text.includes(s), s);
  assert.equal(pdfObjects(pdf, 'Type0'), 1, 'a fallback font is embedded only where used');
});

test('a name with a character beyond the vendored font is drawn from the fallback font and reads back whole', async () => {
  const pdf = await pdfOf({ hazard: { ...hazard, enterprise_name: '刘䶮精细化工有限公司', owner: '王䶮' } });
  const text = pdfText(pdf);
  for (const s of ['刘䶮精细化工有限公司', '王䶮', '储罐区防火堤破损']) assert.ok(text.includes(s), s);
  assert.equal(pdfObjects(pdf, 'Type0'), 2, 'the main font and one fallback');
});

test('the fallback fonts are read only for a dossier with a character the main font lacks, wherever it was typed', async () => {
  assert.ok(DOSSIER_FALLBACK_FONTS.length > 0, 'no fallback font on this machine (npm test installs fonts-wqy-zenhei)');
  const loadedFor = async (over: Partial<DossierInput>) => {
    const read: string[] = [];
    const fonts = await dossierFonts(inputWith(over), (path) => {
      read.push(path);
      return loadFont(path);
    });
    assert.equal(fonts.length, read.length);
    return read;
  };
  const transition = { action: 'assign', from: 'reported', to: 'assigned', actor: '张三', reason: null, at: '2026-11-24T02:00:00Z' };
  assert.deepEqual(
    await loadedFor({ transitions: [{ ...transition, reason: '第一行\n第二行\t备注' }], photos: [{ key: 'p', caption: '整改照片 1' }] }),
    [DOSSIER_FONT],
  );
  const everyFont = [DOSSIER_FONT, ...DOSSIER_FALLBACK_FONTS];
  assert.deepEqual(await loadedFor({ hazard: { ...hazard, contingency: '请刘䶮设置警戒区' } }), everyFont);
  assert.deepEqual(await loadedFor({ transitions: [{ ...transition, reason: '王䶮退回' }] }), everyFont);
  assert.deepEqual(await loadedFor({ photos: [{ key: 'p', caption: '䶮' }] }), everyFont);
});

test('the dossier is drawn as it is read: a reader that waits holds back the photos, one that leaves stops them', async () => {
  const photo = makePng(600, 600, true); // ~1 MB that does not compress, as photos do not
  assert.ok(photo.length > 1_000_000);
  const photos = Array.from({ length: 8 }, (_, n) => ({ key: `p${n}`, caption: `整改照片 ${n + 1}` }));
  const input = (read: string[]) =>
    inputWith({
      photos,
      readPhoto: async (key) => {
        read.push(key);
        return photo;
      },
    });

  const waited: string[] = [];
  const slow = await hazardDossier(input(waited));
  await setTimeout(300);
  assert.ok(waited.length <= 2, `read ${waited.length} photos of 8 before anything was downloaded`);
  const pdf = await buffer(slow);
  assert.equal(waited.length, 8);
  assert.equal(pdfObjects(pdf, 'Image'), 8);
  assert.equal(pdf.subarray(-6).toString().trim(), '%%EOF');

  const left: string[] = [];
  const gone = await hazardDossier(input(left));
  await setTimeout(100);
  gone.destroy();
  await setTimeout(200);
  assert.ok(left.length <= 2, `went on reading photos (${left.length}) for a reader that left`);
});

test('a storage failure while drawing ends the stream with the error, and the caller is told', async () => {
  const errors: Error[] = [];
  const pdf = await hazardDossier(
    inputWith({
      photos: [{ key: 'p0', caption: '整改照片 1' }],
      readPhoto: async () => {
        throw new Error('disk gone');
      },
    }),
    (e) => errors.push(e),
  );
  await assert.rejects(buffer(pdf), /disk gone/);
  assert.deepEqual(
    errors.map((e) => e.message),
    ['disk gone'],
  );
});

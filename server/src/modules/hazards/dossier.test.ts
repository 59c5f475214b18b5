import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { test } from 'node:test';
import { makePng } from '../../test/png.ts';
import { shanghaiTime } from '../../time.ts';
import { DOSSIER_MAX_PHOTOS, hazardDossierPdf } from './dossier.ts';
import type { HazardRow } from './store.ts';

const hazard: HazardRow = {
  id: '3f2a9c1e-0000-4000-8000-000000000001',
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

test('times are Beijing time', () => {
  assert.equal(shanghaiTime('2026-11-23T16:30:00Z'), '2026-11-24 00:30:00');
  assert.equal(shanghaiTime(null), '—');
});

test(`a dossier draws at most ${DOSSIER_MAX_PHOTOS} photos, says how many more there are, and survives a missing one`, async () => {
  const photos = Array.from({ length: DOSSIER_MAX_PHOTOS + 2 }, (_, n) => ({ key: `photos/${n}`, caption: `整改照片 ${n + 1}` }));
  const read: string[] = [];
  const pdf = await hazardDossierPdf({
    hazard,
    transitions: [],
    inspection: null,
    photos,
    readPhoto: async (key) => {
      read.push(key);
      return key === 'photos/3' ? null : makePng(60, 40);
    },
    generatedAt: new Date('2026-11-24T02:00:00Z'),
  });
  assert.equal(read.length, DOSSIER_MAX_PHOTOS, 'photos past the cap are not even read');
  assert.equal(pdf.toString('latin1').match(/\/Subtype \/Image/g)?.length, DOSSIER_MAX_PHOTOS - 1);
  const text = execFileSync('pdftotext', ['-', '-'], { input: pdf }).toString().replace(/\s+/g, '');
  for (const s of ['另有2张', '此图片无法收入档案', '鑫垚化工有限公司', '生成于2026-11-2410:00:00', '2026-11-2400:30:00', '尚未验收'])
    assert.ok(text.includes(s), s);
  assert.equal(pdf.toString('latin1').match(/\/Subtype \/Type0/g)?.length, 1, 'a fallback font is embedded only where used');
});

test('a name with a character beyond the vendored font is drawn from the fallback font and reads back whole', async () => {
  const pdf = await hazardDossierPdf({
    hazard: { ...hazard, enterprise_name: '刘䶮精细化工有限公司', owner: '王䶮' },
    transitions: [],
    inspection: null,
    photos: [],
    readPhoto: async () => null,
    generatedAt: new Date('2026-11-24T02:00:00Z'),
  });
  const text = execFileSync('pdftotext', ['-', '-'], { input: pdf }).toString().replace(/\s+/g, '');
  for (const s of ['刘䶮精细化工有限公司', '王䶮', '储罐区防火堤破损']) assert.ok(text.includes(s), s);
  assert.equal(pdf.toString('latin1').match(/\/Subtype \/Type0/g)?.length, 2, 'the main font and one fallback');
});

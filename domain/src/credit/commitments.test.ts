// Safety commitments: the template carries the year, the unit and the signer; bad input is refused
// with messages in both languages.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { breachSchema, commitmentText, signCommitmentSchema } from './commitments.ts';

test('commitment text: the year, the unit and the signer, the five duties', () => {
  const text = commitmentText(2026, '宿迁恒信化工有限公司', '王建国');
  assert.match(text, /^宿迁恒信化工有限公司2026年度安全生产承诺书/);
  assert.match(text, /承诺人（主要负责人）：王建国$/);
  assert.equal(text.split('\n').filter((l) => /^[一二三四五]、/.test(l)).length, 5);
});

test('commitment input: year and signer required, bilingual messages', () => {
  const r = signCommitmentSchema.safeParse({ year: 1999, signer: '王' });
  assert.equal(r.success, false);
  const messages = r.error?.issues.map((i) => i.message) ?? [];
  assert.ok(
    messages.every((m) => m.includes('||')),
    'every message is 中文||English',
  );
  assert.equal(signCommitmentSchema.safeParse({ year: '2026', signer: '王建国' }).data?.year, 2026);
  assert.equal(signCommitmentSchema.safeParse({ year: 2026, signer: '王建国', extra: 1 }).success, false);
});

test('broken commitment: the facts and a real date', () => {
  const base = { enterpriseId: '6f1c1a62-7f43-4c2b-9d0e-1e1f7a3b9c01', year: 2026, reason: '重大隐患逾期未整改', occurredOn: '2026-11-02' };
  assert.equal(breachSchema.safeParse(base).success, true);
  assert.equal(breachSchema.safeParse({ ...base, reason: '短' }).success, false);
  assert.equal(breachSchema.safeParse({ ...base, occurredOn: '2026-13-01' }).success, false);
});

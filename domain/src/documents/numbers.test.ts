import assert from 'node:assert/strict';
import { test } from 'node:test';
import { chineseDate, DEFAULT_HAZARD_NUMBER_PATTERN, DOCUMENT_TYPES, documentNumberPatternError, formatDocumentNumber } from './numbers.ts';

test('the default hazard number: county, year, a serial of at least four digits', () => {
  const n = (serial: number) => formatDocumentNumber(DEFAULT_HAZARD_NUMBER_PATTERN, { county: '宿城区', year: 2026, serial });
  assert.equal(n(123), '宿城区〔2026〕隐患第 0123 号');
  assert.equal(n(1), '宿城区〔2026〕隐患第 0001 号');
  assert.equal(n(12345), '宿城区〔2026〕隐患第 12345 号', 'padded, never cut');
});

test('other patterns', () => {
  const parts = { county: '张家港市', year: 2027, serial: 7 };
  assert.equal(formatDocumentNumber('{county}隐患〔{year}〕{serial}号', parts), '张家港市隐患〔2027〕7号');
  assert.equal(formatDocumentNumber('YH-{year}-{serial:6}', parts), 'YH-2027-000007');
});

test('a pattern must hold the serial and only known placeholders', () => {
  assert.equal(documentNumberPatternError(DEFAULT_HAZARD_NUMBER_PATTERN), null);
  assert.equal(documentNumberPatternError('{county}{serial}'), null);
  assert.match(documentNumberPatternError('{county}〔{year}〕')?.zh ?? '', /序号/);
  assert.match(documentNumberPatternError('{county}{serial}{month}')?.en ?? '', /month/);
});

test('the document types: each pattern numbers documents; the enforcement ones carry the issuer and their 代字', () => {
  for (const [type, d] of Object.entries(DOCUMENT_TYPES)) assert.equal(documentNumberPatternError(d.pattern), null, type);
  assert.equal(DOCUMENT_TYPES.hazard.pattern, DEFAULT_HAZARD_NUMBER_PATTERN, "today's hazard numbers unchanged");
  const parts = { county: '宿城区', issuerShort: '宿城', year: 2026, serial: 12 };
  assert.equal(formatDocumentNumber(DOCUMENT_TYPES.rectificationOrder.pattern, parts), '（宿城）应急责改〔2026〕12号');
  assert.equal(formatDocumentNumber(DOCUMENT_TYPES.penaltyDecision.pattern, parts), '（宿城）应急罚〔2026〕12号');
  assert.equal(DOCUMENT_TYPES.inspectionRecord.code, '应急检记');
  assert.equal(
    formatDocumentNumber(DOCUMENT_TYPES.rectificationOrder.pattern, { county: '宿城区', year: 2026, serial: 1 }),
    '（宿城区）应急责改〔2026〕1号',
    "the county's name where the issuer has no short name",
  );
});

test('dates in Chinese, as official documents write them', () => {
  assert.equal(chineseDate('2026-12-05'), '二〇二六年十二月五日');
  assert.equal(chineseDate('2030-01-10'), '二〇三〇年一月十日');
  assert.equal(chineseDate('2026-10-31'), '二〇二六年十月三十一日');
  assert.equal(chineseDate('2026-11-20'), '二〇二六年十一月二十日');
  assert.equal(chineseDate('2026-02-19'), '二〇二六年二月十九日');
});

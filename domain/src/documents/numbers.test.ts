import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_HAZARD_NUMBER_PATTERN, documentNumberPatternError, formatDocumentNumber } from './numbers.ts';

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

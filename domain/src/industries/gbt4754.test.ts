import assert from 'node:assert/strict';
import { test } from 'node:test';
import { INDUSTRY_DIVISIONS, INDUSTRY_SECTIONS, industrySection, isIndustryCode } from './gbt4754.ts';

test('GB/T 4754-2017 has 20 sections and 97 divisions numbered 01..97', () => {
  assert.equal(INDUSTRY_SECTIONS.length, 20);
  assert.deepEqual(
    INDUSTRY_DIVISIONS.map((d) => d.code),
    Array.from({ length: 97 }, (_, i) => String(i + 1).padStart(2, '0')),
  );
  const sections = new Set(INDUSTRY_SECTIONS.map((s) => s.code));
  for (const d of INDUSTRY_DIVISIONS) assert.ok(sections.has(d.section), d.code);
});

test('industry codes: division or finer class', () => {
  assert.equal(industrySection('26'), 'C');
  assert.equal(industrySection('2614'), 'C');
  assert.equal(industrySection('06'), 'B');
  assert.equal(industrySection('47'), 'E');
  assert.equal(isIndustryCode('98'), false);
  assert.equal(isIndustryCode('00'), false);
  assert.equal(isIndustryCode('C'), false);
  assert.equal(isIndustryCode('26145'), false);
});

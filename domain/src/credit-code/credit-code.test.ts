import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { CREDIT_CODE_ALPHABET, CREDIT_CODE_WEIGHTS, checkCreditCode, computeCheckCharacter } from './credit-code.ts';

test('weights are 3^(i-1) mod 31 as GB 32100 lists them', () => {
  assert.deepEqual(
    CREDIT_CODE_WEIGHTS,
    Array.from({ length: 17 }, (_, i) => 3 ** i % 31),
  );
});

test('STANDARDS.md example: 91350100M000100Y4 has check character 3', () => {
  assert.equal(computeCheckCharacter('91350100M000100Y4'), '3');
  const r = checkCreditCode('91350100M000100Y43');
  assert.equal(r.valid, true);
  assert.equal(r.checkCharacterOk, true);
  assert.equal(r.expectedCheckCharacter, '3');
  assert.equal(r.registrationAuthority?.code, '9');
  assert.equal(r.entityType?.zh, '企业');
  assert.equal(r.regionCode, '350100');
  assert.deepEqual(r.errors, []);
});

test('lower case and surrounding spaces are normalised', () => {
  assert.equal(checkCreditCode(' 91350100m000100y43 ').checkCharacterOk, true);
});

test('a wrong check character is structurally valid but flagged', () => {
  const r = checkCreditCode('91350100M000100Y44');
  assert.equal(r.valid, true);
  assert.equal(r.checkCharacterOk, false);
  assert.equal(r.expectedCheckCharacter, '3');
});

test('wrong length is invalid', () => {
  for (const code of ['', '91350100M000100Y4', '91350100M000100Y433']) {
    const r = checkCreditCode(code);
    assert.equal(r.valid, false);
    assert.equal(r.checkCharacterOk, false);
    assert.ok(r.errors.some((e) => e.code === 'length'));
  }
});

test('illegal characters I, O, Z, S, V and symbols are invalid with their position', () => {
  for (const ch of ['I', 'O', 'Z', 'S', 'V', '-', '中']) {
    const r = checkCreditCode(`91350100M000100${ch}43`);
    assert.equal(r.valid, false);
    assert.deepEqual(
      r.errors.map((e) => [e.code, e.position]),
      [['character', 16]],
    );
  }
});

test('unknown registering authority is invalid', () => {
  const r = checkCreditCode('B1350100M000100Y43');
  assert.equal(r.valid, false);
  assert.equal(r.errors[0]?.code, 'authority');
});

test('property: appending the computed check character always validates; any other fails', () => {
  const authorities = [...'123456789ANY'];
  const body = fc.string({ unit: fc.constantFrom(...CREDIT_CODE_ALPHABET), minLength: 16, maxLength: 16 });
  fc.assert(
    fc.property(fc.constantFrom(...authorities), body, fc.constantFrom(...CREDIT_CODE_ALPHABET), (a, b, other) => {
      const first17 = a + b;
      const check = computeCheckCharacter(first17);
      assert.equal(checkCreditCode(first17 + check).checkCharacterOk, true);
      if (other !== check) assert.equal(checkCreditCode(first17 + other).checkCharacterOk, false);
    }),
    { numRuns: 2000 },
  );
});

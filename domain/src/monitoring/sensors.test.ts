import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEAD_LETTER_CHARS, deadLetterText, MAX_TELEMETRY_DEPTH, nestedDeeperThan } from './sensors.ts';

const nest = (depth: number, open = '[', close = ']') => JSON.parse(open.repeat(depth) + close.repeat(depth));

test('nesting depth: a batch is three deep; 100,000 deep is found without overflowing the stack', () => {
  const batch = { readings: [{ sensor: 'GT-101', ts: 1, value: 2 }] };
  const rows: [string, unknown, number, boolean][] = [
    ['a number', 5, 0, false],
    ['an empty object', {}, 1, false],
    ['an empty object, no room', {}, 0, true],
    ['a batch', batch, 3, false],
    ['a batch, one short', batch, 2, true],
    ['a reading with an object in it', { readings: [{ sensor: 'x', ts: 1, value: { a: 1 } }] }, MAX_TELEMETRY_DEPTH, false],
    ['20 arrays', nest(20), MAX_TELEMETRY_DEPTH, true],
    ['100,000 arrays', nest(100_000), MAX_TELEMETRY_DEPTH, true],
    ['100,000 objects', JSON.parse(`${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}`), MAX_TELEMETRY_DEPTH, true],
    ['wide, shallow', Array.from({ length: 50_000 }, () => ({ a: 1 })), 2, false],
  ];
  for (const [name, value, max, expected] of rows) assert.equal(nestedDeeperThan(value, max), expected, name);
});

test('dead-letter text: bounded, printable by PostgreSQL, whatever it is given', () => {
  const rows: [string, unknown, string][] = [
    ['raw text kept as it is', 'not json', 'not json'],
    ['a reading as JSON', { sensor: 'X', ts: 1, value: 2 }, '{"sensor":"X","ts":1,"value":2}'],
    ['an array', [1, 'a', null, true], '[1,"a",null,true]'],
    ['NUL in raw text', 'a\u0000b', 'a\\u0000b'],
    ['NUL in a string', { s: '\u0000' }, '{"s":"\\u0000"}'],
    ['a lone surrogate in raw text', 'x\uD800y', 'x\uFFFDy'],
    ['a pair kept', 'x😀y', 'x😀y'],
  ];
  for (const [name, item, expected] of rows) assert.equal(deadLetterText(item), expected, name);
  const deep = deadLetterText(nest(100_000));
  assert.equal(deep, '['.repeat(DEAD_LETTER_CHARS), '100,000 deep: the first 2,000 characters, no stack overflow');
  const wide = deadLetterText({ v: 'x'.repeat(5_000_000), w: Array.from({ length: 100_000 }, (_, i) => i) });
  assert.equal(wide.length, DEAD_LETTER_CHARS);
  assert.ok(wide.startsWith('{"v":"xxx'));
  const cut = deadLetterText(`${'a'.repeat(DEAD_LETTER_CHARS - 1)}😀`);
  assert.equal(cut, `${'a'.repeat(DEAD_LETTER_CHARS - 1)}\uFFFD`, 'a pair cut in half is replaced');
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { riskPointCounts } from '../hazards/dashboard.ts';
import { MAP_EMPTY_COLOUR, MAP_HAZARD_SCALE, openHazardColour, openHazardOutline, riskLevelColour } from './map-colours.ts';

test('a district by its risk points: the highest level present decides the colour', () => {
  const cases: [Record<'total' | 'major' | 'high' | 'moderate' | 'low', number>, string | null, string][] = [
    [{ total: 0, major: 0, high: 0, moderate: 0, low: 0 }, null, MAP_EMPTY_COLOUR],
    [{ total: 2, major: 0, high: 0, moderate: 0, low: 0 }, null, MAP_EMPTY_COLOUR], // none assessed yet
    [{ total: 5, major: 0, high: 0, moderate: 0, low: 5 }, 'low', '#1e88e5'],
    [{ total: 6, major: 0, high: 0, moderate: 1, low: 5 }, 'moderate', '#fdd835'],
    [{ total: 3, major: 0, high: 1, moderate: 1, low: 1 }, 'high', '#fb8c00'],
    [{ total: 9, major: 1, high: 0, moderate: 0, low: 8 }, 'major', '#e53935'],
  ];
  for (const [counts, highest, colour] of cases) {
    const c = riskPointCounts(counts);
    assert.equal(c.highest, highest, JSON.stringify(counts));
    assert.equal(riskLevelColour(c.highest), colour, JSON.stringify(counts));
  }
});

test('a district by its open hazards: darker the more are open, outlined red while a major one is', () => {
  const cases: [number, number, number, string, string | undefined][] = [
    [0, 0, 10, MAP_EMPTY_COLOUR, undefined],
    [1, 0, 10, MAP_HAZARD_SCALE[0], undefined],
    [1, 1, 10, MAP_HAZARD_SCALE[0], '#e53935'], // one major hazard: outlined, filled by the count
    [10, 2, 10, MAP_HAZARD_SCALE[1], '#e53935'],
    [1, 0, 1, MAP_HAZARD_SCALE[1], undefined], // the only busy district is the darkest
    [20, 0, 10, MAP_HAZARD_SCALE[1], undefined], // never past the scale
  ];
  for (const [open, major, max, fill, outline] of cases) {
    assert.equal(openHazardColour(open, max), fill, `${open}/${major}/${max}`);
    assert.equal(openHazardOutline(major), outline, `${open}/${major}/${max}`);
  }
  const mid = openHazardColour(5, 9);
  assert.ok(mid !== MAP_HAZARD_SCALE[0] && mid !== MAP_HAZARD_SCALE[1] && /^#[0-9a-f]{6}$/.test(mid), mid);
});

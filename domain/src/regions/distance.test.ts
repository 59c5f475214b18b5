import assert from 'node:assert/strict';
import { test } from 'node:test';
import { distanceKm } from './distance.ts';

test('straight-line distance: zero to itself, symmetric, 宿迁 to 南京 about 200 km', () => {
  const suqian = { lat: 33.963, lng: 118.275 };
  const nanjing = { lat: 32.06, lng: 118.797 };
  assert.equal(distanceKm(suqian, suqian), 0);
  assert.equal(distanceKm(suqian, nanjing), distanceKm(nanjing, suqian));
  const d = distanceKm(suqian, nanjing);
  assert.ok(d > 210 && d < 220, `${d}`);
  // One degree of latitude is about 111.2 km anywhere.
  assert.ok(Math.abs(distanceKm({ lat: 0, lng: 0 }, { lat: 1, lng: 0 }) - 111.2) < 0.1);
});

// Demo coordinates inside the right district: a point drawn from two random numbers falls inside
// the polygon of the region's county in the bundled boundaries of the demo city (rejection
// sampling in its bounding box with a PRNG seeded from them), so the maps show each accident,
// event or delivery where its region is. Outside the demo city, the plain spread around its centre.
import { bundledBoundaries } from '../modules/regions/store.ts';
import { DEMO_CITY, prng } from './seed.ts';

type Ring = [number, number][];

function inRing(x: number, y: number, ring: Ring): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i] as [number, number];
    const [xj, yj] = ring[j] as [number, number];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** The outer rings of a county of the demo city (holes ignored: a county has none). */
function ringsOf(county6: string): Ring[] {
  const b = bundledBoundaries(DEMO_CITY);
  const f = b?.geojson.features.find((x) => x.properties.code === county6);
  if (!f) return [];
  const g = f.geometry as { type: string; coordinates: unknown };
  if (g.type === 'Polygon') return [(g.coordinates as Ring[])[0] as Ring];
  if (g.type === 'MultiPolygon') return (g.coordinates as Ring[][]).map((p) => p[0] as Ring);
  return [];
}

const round5 = (n: number) => Math.round(n * 1e5) / 1e5;

/** A point inside the county of `regionCode` from the random numbers u, v in [0, 1). */
export function demoPointIn(regionCode: string, u: number, v: number): { lat: number; lng: number } {
  const rings = ringsOf(regionCode.slice(0, 6));
  if (rings.length) {
    const all = rings.flat();
    const xs = all.map((p) => p[0]);
    const ys = all.map((p) => p[1]);
    const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
    const rand = prng(Math.floor(u * 2 ** 31) ^ Math.floor(v * 2 ** 30));
    for (let i = 0; i < 200; i++) {
      const x = x0 + rand() * (x1 - x0);
      const y = y0 + rand() * (y1 - y0);
      if (rings.some((r) => inRing(x, y, r))) return { lat: round5(y), lng: round5(x) };
    }
  }
  return { lat: round5(33.96 + (u - 0.5) * 0.5), lng: round5(118.28 + (v - 0.5) * 0.7) };
}

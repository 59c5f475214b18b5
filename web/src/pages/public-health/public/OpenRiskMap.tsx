// The public risk map: the child regions of one region coloured by their level, drawn by ECharts
// (imported when the map mounts). Loaded by React.lazy from OpenHealthRiskPage, so neither ECharts
// nor this file is in the light entry's first load; no domain barrel. Owner: levels.
import { useEffect, useRef, useState } from 'react';
import { api } from '../../../api.ts';
import { useI18n } from '../../../i18n-provider.tsx';
import { OPEN_RISK_LEVEL_COLORS, riskLabel } from './labels.ts';

type Feature = { properties: { code: string; name?: string } };
type Boundaries = { region: string; geojson: { type: 'FeatureCollection'; features: Feature[] } };
export type OpenMapRegion = { code: string; name: string; level: string };

const EMPTY = '#eceff1';
const RANK: Record<string, number> = { low: 0, medium: 1, high: 2 };
/** 12 digits → the short code a map feature carries (321302000000 → 321302, 321302100000 → 321302100). */
const shortCode = (code12: string) => code12.replace(/(000)+$/, '').padEnd(6, '0');
const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

/** `region`: 12 digits; `regions`: the public levels (any depth below it; the worst inside a child colours it). */
export function OpenRiskMap({ region, regions }: { region: string; regions: OpenMapRegion[] }) {
  const { t, lang } = useI18n();
  const ref = useRef<HTMLDivElement>(null);
  const [data, setData] = useState<Boundaries | null | undefined>(undefined);
  useEffect(() => {
    let live = true;
    api<Boundaries>(`/api/v1/open/health-risk/boundaries/${region}`, { credentials: 'omit' }).then(
      (b) => live && setData(b),
      () => live && setData(null),
    );
    return () => {
      live = false;
    };
  }, [region]);

  useEffect(() => {
    const el = ref.current;
    if (!el || !data) return;
    const features = data.geojson.features;
    // Each feature's worst level among the public rows inside it (a county, or a township of it).
    const worst = new Map<string, string>();
    for (const f of features) {
      const short = f.properties.code;
      for (const r of regions) {
        if (!shortCode(r.code).startsWith(short)) continue;
        const w = worst.get(short);
        if (!w || (RANK[r.level] ?? 0) > (RANK[w] ?? 0)) worst.set(short, r.level);
      }
    }
    const label = (short: string) => {
      const name = features.find((f) => f.properties.code === short)?.properties.name ?? short;
      return `${name}\n${riskLabel(worst.get(short) ?? 'low', lang)}`;
    };
    let disposed = false;
    let cleanup = () => {};
    const mapName = `open-risk-${data.region}`;
    void import('echarts').then((echarts) => {
      if (disposed) return;
      echarts.registerMap(mapName, data.geojson as unknown as Parameters<typeof echarts.registerMap>[1]);
      const chart = echarts.init(el);
      chart.setOption({
        tooltip: { trigger: 'item' },
        geo: {
          map: mapName,
          nameProperty: 'code',
          roam: false,
          selectedMode: false,
          top: 8,
          bottom: 8,
          label: { show: true, fontSize: 11, color: '#263238', formatter: (p: { name?: string }) => label(p.name ?? '') },
          itemStyle: { areaColor: OPEN_RISK_LEVEL_COLORS.low, borderColor: '#ffffff', borderWidth: 1 },
          tooltip: { show: true, formatter: (p: { name?: string }) => escapeHtml(label(p.name ?? '').replace('\n', '：')) },
          regions: features.map((f) => ({
            name: f.properties.code,
            itemStyle: { areaColor: OPEN_RISK_LEVEL_COLORS[worst.get(f.properties.code) ?? 'low'] ?? EMPTY },
          })),
        },
      });
      const observer = new ResizeObserver(() => chart.resize());
      observer.observe(el);
      cleanup = () => {
        observer.disconnect();
        chart.dispose();
      };
    });
    return () => {
      disposed = true;
      cleanup();
    };
  }, [data, regions, lang]);

  if (!data) return null;
  return (
    <section aria-label={t('phLvOpenMap')} data-testid="open-risk-map" style={{ marginBottom: 16 }}>
      <div ref={ref} role="img" aria-label={t('phLvOpenMap')} style={{ width: '100%', height: 420 }} data-testid="open-risk-map-canvas" />
      <div style={{ display: 'flex', gap: 16, fontSize: 12, margin: '8px 0' }} data-testid="open-risk-map-legend">
        {['low', 'medium', 'high'].map((l) => (
          <span key={l}>
            <span
              aria-hidden
              style={{
                display: 'inline-block',
                width: 12,
                height: 12,
                marginRight: 4,
                verticalAlign: -1,
                background: OPEN_RISK_LEVEL_COLORS[l],
              }}
            />
            {riskLabel(l, lang)}
          </span>
        ))}
      </div>
    </section>
  );
}

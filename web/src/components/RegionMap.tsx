// The map every capability puts its numbers on: the child regions of one region, drawn from the
// boundaries the server holds (GET /api/v1/regions/:code/boundaries: an upload, or the demo city's
// bundled file; nothing is fetched from the internet), each coloured by the caller, optional
// points (accidents, warehouses, the command centre's), the 审图号 under it when given, a click on
// a district → onSelect(its code). The same numbers are always in a table beside it, for screen
// readers, keyboards and tests; without boundaries only the table shows.
// ECharts is imported when a map mounts, so it stays out of the bundles of pages without one.
import {
  type BoundariesResponse,
  MAP_EMPTY_COLOUR,
  RISK_LEVEL_INFO,
  type RiskLevel,
  regionCode12,
  riskLevelColour,
  shortRegionCode,
} from '@taishan/domain';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Space, Table, Typography } from 'antd';
import type { EChartsOption } from 'echarts';
import { type HTMLAttributes, type ReactNode, useEffect, useMemo, useRef } from 'react';
import { api } from '../api.ts';
import { pick, useI18n } from '../i18n.tsx';

/** One child region: its 12-digit code, name, the number shown, its fill and optionally an outline colour. */
export type MapItem = { code: string; name: string; value: number; colour: string; outline?: string; detail?: ReactNode };
/** A place on the map (WGS-84 as the boundaries), coloured by its risk level when it has one. */
export type MapPoint = { lng: number; lat: number; name: string; level?: RiskLevel | null };
export type MapLegend = { label: string; colour: string; outline?: boolean }[];

export type RegionMapProps = {
  /** The region whose children are drawn: a code or prefix ('3213', '321300000000'); '' draws no map. */
  region: string;
  title: string;
  items: MapItem[];
  /** The column heading of `value` in the table. */
  valueLabel?: string;
  /** The column heading of `detail` in the table. */
  detailLabel?: string;
  points?: MapPoint[];
  /** 审图号 of the base map, shown under it (a public map must show it); by default the setting
   * `map.approvalNumber` in force for the region's province. */
  approvalNumber?: string;
  /** A district was clicked (on the map or in the table): its 12-digit code. */
  onSelect?: (code: string) => void;
  legend?: MapLegend;
  height?: number;
  testId?: string;
};

/** The boundaries of `region`'s children; null when the server has none (404). */
export function useBoundaries(region: string) {
  const code = region ? regionCode12(region) : '';
  return useQuery({
    queryKey: ['region-boundaries', code],
    enabled: !!code,
    staleTime: 5 * 60_000,
    retry: false,
    queryFn: () =>
      api<BoundariesResponse>(`/api/v1/regions/${code}/boundaries`).catch((e: { status?: number }) => {
        if (e.status === 404) return null;
        throw e;
      }),
  });
}

/** The 审图号 in force for a region's province (setting `map.approvalNumber`, public); '' when unset. */
export function useApprovalNumber(region: string) {
  const province = region.slice(0, 2);
  return useQuery({
    queryKey: ['setting-public', 'map.approvalNumber', province],
    enabled: province.length === 2,
    staleTime: 10 * 60_000,
    queryFn: async () =>
      String((await api<{ value: unknown }>(`/api/v1/settings/public/map.approvalNumber?province=${province}`)).value ?? ''),
  });
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c);

export function RegionMap({
  region,
  title,
  items,
  valueLabel,
  detailLabel,
  points,
  approvalNumber,
  onSelect,
  legend,
  height = 360,
  testId = 'region-map',
}: RegionMapProps) {
  const { t, lang } = useI18n();
  const own = useBoundaries(region);
  // Without boundaries of its children (a county whose townships were never uploaded), the map
  // falls back to its parent's: the region itself outlined among its siblings with its total, the
  // points where they are; the children's numbers stay in the table.
  const short = region ? shortRegionCode(regionCode12(region)) : '';
  const parentOf = short.length > 2 ? short.slice(0, short.length === 9 ? 6 : short.length - 2) : '';
  const parent = useBoundaries(own.data === null ? parentOf : '');
  const fallback = own.data === null && !!parent.data;
  const boundaries = fallback ? parent : own;
  const setting = useApprovalNumber(approvalNumber === undefined ? region : '');
  const approval = approvalNumber ?? setting.data ?? '';
  const ref = useRef<HTMLDivElement>(null);
  const geojson = boundaries.data?.geojson;
  const mapName = boundaries.data ? `taishan-${boundaries.data.region}` : null;
  const drawn = useMemo<MapItem[]>(
    () =>
      fallback
        ? [
            {
              code: regionCode12(region),
              name: parent.data?.geojson.features.find((f) => f.properties.code === short)?.properties.name ?? short,
              value: items.reduce((n, i) => n + i.value, 0),
              colour: '#ffe7ba',
              outline: '#d4380d',
            },
          ]
        : items,
    [fallback, items, region, short, parent.data],
  );

  const option = useMemo<EChartsOption | null>(() => {
    if (!geojson) return null;
    const items = drawn;
    // Features name their region by code (6 or 9 digits); the items by 12 digits.
    const byShort = new Map(items.map((i) => [shortRegionCode(i.code), i]));
    const featureNames = new Map(geojson.features.map((f) => [f.properties.code, f.properties.name ?? f.properties.code]));
    const label = (short: string) => {
      const item = byShort.get(short);
      return item ? `${item.name}\n${item.value}` : (featureNames.get(short) ?? short);
    };
    return {
      tooltip: { trigger: 'item' },
      geo: {
        map: mapName ?? '',
        nameProperty: 'code',
        roam: false,
        selectedMode: false,
        top: 8,
        bottom: 8,
        label: { show: true, fontSize: 11, color: '#263238', formatter: (p: { name?: string }) => label(p.name ?? '') },
        emphasis: { label: { show: true, formatter: (p: { name?: string }) => label(p.name ?? '') }, itemStyle: { areaColor: '#b0bec5' } },
        itemStyle: { areaColor: MAP_EMPTY_COLOUR, borderColor: '#ffffff', borderWidth: 1 },
        tooltip: {
          show: true,
          formatter: (p: unknown) => {
            const short = (p as { name?: string }).name ?? '';
            const item = byShort.get(short);
            // ECharts renders a tooltip string as HTML; names come from uploaded boundaries.
            return escapeHtml(item ? `${item.name}：${item.value}` : (featureNames.get(short) ?? short));
          },
        },
        regions: items.map((i) => ({
          name: shortRegionCode(i.code),
          itemStyle: { areaColor: i.colour, ...(i.outline ? { borderColor: i.outline, borderWidth: 2 } : {}) },
        })),
      },
      series: points?.length
        ? [
            {
              type: 'scatter',
              coordinateSystem: 'geo',
              symbolSize: 9,
              data: points.map((p) => ({
                name: p.name,
                value: [p.lng, p.lat],
                itemStyle: { color: riskLevelColour(p.level ?? null), borderColor: '#263238', borderWidth: 1 },
              })),
            },
          ]
        : [],
    } as EChartsOption;
  }, [geojson, mapName, drawn, points]);

  // The latest callback without redrawing the map when only the callback changes.
  const select = useRef(onSelect);
  select.current = onSelect;
  useEffect(() => {
    const el = ref.current;
    if (!el || !option || !geojson || !mapName) return;
    let disposed = false;
    let cleanup = () => {};
    const codeOf = new Map(items.map((i) => [shortRegionCode(i.code), i.code]));
    const drillable = !fallback; // a sibling of the parent's map is not this map's to open
    void import('echarts').then((echarts) => {
      if (disposed) return;
      echarts.registerMap(mapName, geojson as Parameters<typeof echarts.registerMap>[1]);
      const chart = echarts.init(el);
      chart.setOption(option);
      chart.on('click', (p) => {
        if (p.componentType !== 'geo' || !drillable) return;
        const code = codeOf.get(p.name) ?? regionCode12(p.name);
        select.current?.(code);
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
  }, [option, geojson, mapName, items, fallback]);

  return (
    <section aria-label={title} data-testid={testId}>
      <Typography.Title level={5} style={{ marginTop: 0 }}>
        {title}
      </Typography.Title>
      {region && own.data === null && (parentOf === '' || parent.data === null) && (
        <Alert type="info" showIcon message={t('mapNoBoundaries')} style={{ marginBottom: 8 }} />
      )}
      {fallback && (
        <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 4 }} data-testid={`${testId}-fallback`}>
          {t('mapParentFallback')}
        </Typography.Paragraph>
      )}
      {geojson && <div ref={ref} role="img" aria-label={title} style={{ width: '100%', height }} data-testid={`${testId}-canvas`} />}
      {approval && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid={`${testId}-approval`}>
          {t('mapApprovalNumber', { n: approval })}
        </Typography.Text>
      )}
      {legend && legend.length > 0 && (
        <Space wrap size="middle" style={{ margin: '8px 0' }} data-testid={`${testId}-legend`}>
          {legend.map((l) => (
            <span key={l.label} style={{ fontSize: 12 }}>
              <span
                aria-hidden
                style={{
                  display: 'inline-block',
                  width: 12,
                  height: 12,
                  marginRight: 4,
                  verticalAlign: -1,
                  ...(l.outline ? { border: `2px solid ${l.colour}` } : { background: l.colour }),
                }}
              />
              {l.label}
            </span>
          ))}
        </Space>
      )}
      <Table<MapItem>
        size="small"
        rowKey="code"
        dataSource={items}
        pagination={false}
        data-testid={`${testId}-list`}
        onRow={(r) => ({ 'data-code': r.code }) as HTMLAttributes<HTMLElement>}
        columns={[
          {
            title: t('mapRegion'),
            dataIndex: 'name',
            render: (name: string, r) => (
              <Space size={6}>
                <span
                  aria-hidden
                  style={{
                    display: 'inline-block',
                    width: 10,
                    height: 10,
                    background: r.colour,
                    outline: r.outline ? `2px solid ${r.outline}` : undefined,
                  }}
                />
                {onSelect ? (
                  <Button
                    type="link"
                    size="small"
                    style={{ padding: 0 }}
                    onClick={() => onSelect(r.code)}
                    aria-label={t('mapDrillDown', { name })}
                  >
                    {name}
                  </Button>
                ) : (
                  name
                )}
              </Space>
            ),
          },
          { title: valueLabel ?? t('mapValue'), dataIndex: 'value', render: (v: number) => <span data-testid="map-value">{v}</span> },
          ...(items.some((i) => i.detail !== undefined) ? [{ title: detailLabel ?? '', dataIndex: 'detail' }] : []),
        ]}
      />
      {points && points.length > 0 && (
        <ul aria-label={title} style={{ fontSize: 12, marginTop: 8 }}>
          {points.map((p) => (
            <li key={`${p.name}-${p.lng}-${p.lat}`}>
              {p.name}
              {p.level ? `（${pick(lang, RISK_LEVEL_INFO[p.level])}）` : ''}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

// 隐患看板: hazards by status, level and overdue per sub-region, with drill-down; for a period
// (in the URL, this year by default), 整改率 and 按期整改率 with their definitions; where the
// region's district boundaries exist, two maps: open hazards and risk points per district
// (colours: domain/src/regions/map-colours.ts), a click drilling down as the table's links do.
import { QuestionCircleOutlined } from '@ant-design/icons';
import {
  HAZARD_STATUS_LABELS,
  HAZARD_STATUSES,
  type HazardDashboard,
  MAP_EMPTY_COLOUR,
  MAP_HAZARD_SCALE,
  MAP_MAJOR_HAZARD_COLOUR,
  openHazardColour,
  openHazardOutline,
  RATE_DEFINITIONS,
  RISK_LEVEL_INFO,
  RISK_LEVELS,
  riskLevelColour,
} from '@taishan/domain';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Col, Row, Space, Statistic, Table, Tooltip } from 'antd';
import type { EChartsOption } from 'echarts';
import { useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { api } from '../../api.ts';
import { Chart, perRegionOption } from '../../components/Chart.tsx';
import { DateRangeFilter } from '../../components/FilterControls.tsx';
import { type MapItem, RegionMap, useBoundaries } from '../../components/RegionMap.tsx';
import { pick, useI18n } from '../../i18n.tsx';

type Dash = HazardDashboard;
type RegionRow = Dash['byRegion'][number];

/** A rate as a percentage with one decimal; — when nothing was counted. */
const percent = (r: number | null | undefined) => (r === null || r === undefined ? '—' : `${(r * 100).toFixed(1)}%`);

export function DashboardPage() {
  const { t, lang } = useI18n();
  const [params, setParams] = useSearchParams();
  const region = params.get('region') ?? '';
  const query = new URLSearchParams();
  for (const k of ['region', 'from', 'to']) if (params.get(k)) query.set(k, params.get(k) as string);
  const qs = query.toString();
  const q = useQuery({
    queryKey: ['hazard-dashboard', qs],
    queryFn: () => api<Dash>(`/api/v1/hazard-dashboard${qs ? `?${qs}` : ''}`),
  });
  /** Another region, the period kept. */
  const goTo = (code: string | null) => {
    const next = new URLSearchParams(params);
    if (code) next.set('region', code);
    else next.delete('region');
    setParams(next);
  };
  /** A child region (12 digits) opened: its code without the trailing zero groups in the URL. */
  const drillTo = (code: string) => goTo(code.replace(/(000)+$/, ''));
  const rateTitle = (key: 'rateRectification' | 'rateOnTime', def: keyof typeof RATE_DEFINITIONS) => (
    <Tooltip title={pick(lang, RATE_DEFINITIONS[def])}>
      <span data-testid={`rate-definition-${def}`}>
        {t(key)} <QuestionCircleOutlined aria-label={pick(lang, RATE_DEFINITIONS[def])} />
      </span>
    </Tooltip>
  );
  const d = q.data;
  // The maps show where the server has the districts' boundaries (the region asked for, else the
  // caller's own, as the response names it).
  const boundaries = useBoundaries(d?.region ?? '');
  const maps = useMemo(() => {
    if (!d) return null;
    const maxOpen = Math.max(0, ...d.byRegion.map((r) => r.open ?? 0));
    const hazards: MapItem[] = d.byRegion.map((r) => ({
      code: r.code,
      name: r.name,
      value: r.open ?? 0,
      colour: openHazardColour(r.open ?? 0, maxOpen),
      outline: openHazardOutline(r.openMajor ?? 0),
      detail: r.openMajor ?? 0,
    }));
    const risks: MapItem[] = d.byRegion.map((r) => ({
      code: r.code,
      name: r.name,
      value: r.riskPoints.total,
      colour: riskLevelColour(r.riskPoints.highest),
      detail: r.riskPoints.highest ? pick(lang, RISK_LEVEL_INFO[r.riskPoints.highest]) : r.riskPoints.total ? t('mapNotAssessed') : '—',
    }));
    return { hazards, risks };
  }, [d, lang, t]);
  const option = useMemo<EChartsOption | null>(
    () =>
      d
        ? perRegionOption(
            d.byRegion.map((r) => r.name),
            [
              ...HAZARD_STATUSES.filter((s) => s !== 'cancelled').map((s) => ({
                name: pick(lang, HAZARD_STATUS_LABELS[s]),
                type: 'bar' as const,
                stack: 'status',
                data: d.byRegion.map((r) => r[s] ?? 0),
              })),
              { name: t('overdue'), type: 'line' as const, data: d.byRegion.map((r) => r.overdue ?? 0), itemStyle: { color: '#e53935' } },
            ],
          )
        : null,
    [d, lang, t],
  );
  return (
    <Card title={t('dashboard')} loading={q.isLoading} extra={region && <Button onClick={() => goTo(null)}>{t('drillUp')}</Button>}>
      {d && (
        <>
          <Space wrap style={{ marginBottom: 12 }}>
            <span>{t('filterPeriod')}</span>
            <DateRangeFilter label="filterPeriod" />
            <span data-testid="dashboard-period">
              {d.period.from} ~ {d.period.to}
            </span>
          </Space>
          <Row gutter={16} style={{ marginBottom: 16 }} data-testid="dashboard-rates">
            <Col xs={12} md={4}>
              <Statistic title={rateTitle('rateRectification', 'rectification')} value={percent(d.period.rectificationRate)} />
            </Col>
            <Col xs={12} md={4}>
              <Statistic title={rateTitle('rateOnTime', 'onTime')} value={percent(d.period.onTimeRate)} />
            </Col>
            {(['found', 'closed', 'due', 'closedOnTime'] as const).map((k) => (
              <Col key={k} xs={12} md={4}>
                <Statistic
                  title={t(k === 'found' ? 'rateFound' : k === 'closed' ? 'rateClosed' : k === 'due' ? 'rateDue' : 'rateClosedOnTime')}
                  value={d.period[k]}
                />
              </Col>
            ))}
          </Row>
          <Row gutter={16} data-testid="dashboard-totals">
            {(['major', 'general', 'overdue', 'listed', 'closed'] as const).map((k) => (
              <Col key={k} xs={12} md={4}>
                <Statistic
                  title={
                    k === 'major'
                      ? t('majorHazard')
                      : k === 'general'
                        ? t('general')
                        : k === 'closed'
                          ? pick(lang, HAZARD_STATUS_LABELS.closed)
                          : t(k)
                  }
                  value={d.totals[k] ?? 0}
                />
              </Col>
            ))}
          </Row>
          {maps && boundaries.data && (
            <Row gutter={16} style={{ marginTop: 16 }} data-testid="dashboard-maps">
              <Col xs={24} lg={12}>
                <RegionMap
                  region={d.region}
                  title={t('mapOpenHazards')}
                  items={maps.hazards}
                  valueLabel={t('mapOpenHazardsCount')}
                  detailLabel={t('mapOpenMajorCount')}
                  onSelect={drillTo}
                  legend={[
                    { label: t('mapLegendMajorHazard'), colour: MAP_MAJOR_HAZARD_COLOUR, outline: true },
                    { label: t('mapLegendMoreOpen'), colour: MAP_HAZARD_SCALE[1] },
                    { label: t('mapLegendNone'), colour: MAP_EMPTY_COLOUR },
                  ]}
                  testId="map-hazards"
                />
              </Col>
              <Col xs={24} lg={12}>
                <RegionMap
                  region={d.region}
                  title={t('mapRiskPoints')}
                  items={maps.risks}
                  valueLabel={t('mapRiskPointsCount')}
                  detailLabel={t('mapHighestLevel')}
                  onSelect={drillTo}
                  legend={[
                    ...RISK_LEVELS.map((l) => ({ label: pick(lang, RISK_LEVEL_INFO[l]), colour: RISK_LEVEL_INFO[l].hex })),
                    { label: t('mapNotAssessed'), colour: MAP_EMPTY_COLOUR },
                  ]}
                  testId="map-risks"
                />
              </Col>
            </Row>
          )}
          {option && <Chart option={option} testId="dashboard-chart" />}
          <Table<RegionRow>
            size="small"
            rowKey="code"
            dataSource={d.byRegion}
            pagination={false}
            scroll={{ x: 700 }}
            columns={[
              {
                title: t('region'),
                dataIndex: 'name',
                render: (v: string, r) => (
                  <Button type="link" size="small" onClick={() => drillTo(r.code)}>
                    {v}
                  </Button>
                ),
              },
              ...HAZARD_STATUSES.map((s) => ({ title: pick(lang, HAZARD_STATUS_LABELS[s]), dataIndex: s, render: (v?: number) => v ?? 0 })),
              { title: t('overdue'), dataIndex: 'overdue', render: (v?: number) => v ?? 0 },
              { title: t('rateRectification'), render: (_, r) => percent(r.period?.rectificationRate) },
              { title: t('rateOnTime'), render: (_, r) => percent(r.period?.onTimeRate) },
            ]}
          />
        </>
      )}
    </Card>
  );
}

// 事故统计 ("双下降?"): for a period (a year, a quarter or a month, in the URL) and a grouping
// (region with drill-down, industry, type, grade, month), the accidents, deaths, injuries and loss
// against the same period last year with the change (↑ red, ↓ green), the 双下降 badge, near-misses
// counted apart, the monthly trend (ECharts), the 较大及以上 list and the Excel of the same table.
import { DownloadOutlined } from '@ant-design/icons';
import {
  ACCIDENT_MEASURE_LABELS,
  ACCIDENT_MEASURES,
  type AccidentMeasure,
  type Change,
  MAP_EMPTY_COLOUR,
  MAP_HAZARD_SCALE,
  openHazardColour,
} from '@taishan/domain';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Segmented, Space, Statistic, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import type { EChartsOption } from 'echarts';
import { useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Chart } from '../../components/Chart.tsx';
import { type NamedPeriodMode, NamedPeriodPicker, namedPeriodMode } from '../../components/NamedPeriodPicker.tsx';
import { type MapItem, RegionMap, useBoundaries } from '../../components/RegionMap.tsx';
import { formatTime, type MessageKey, pick, useI18n } from '../../i18n.tsx';
import { useSession } from '../../session.tsx';
import type { AccidentListItem } from './accidents-api.ts';
import { GradeTag } from './parts.tsx';
import { type AccidentStatsRow, accidentStatsXlsxUrl, fetchAccidentStats, fetchAccidentTrend, fetchSeriousAccidents } from './stats-api.ts';

type Mode = NamedPeriodMode;
const GROUPS = ['region', 'industry', 'type', 'grade', 'month'] as const;
type Group = (typeof GROUPS)[number];
const GROUP_KEYS: Record<Group, MessageKey> = {
  region: 'region',
  industry: 'accStatIndustry',
  type: 'accType',
  grade: 'accGrade',
  month: 'accStatMonth',
};

const modeOf = (p: string | null): Mode => (p ? namedPeriodMode(p) : 'year');
const fmt = (v: number, m: AccidentMeasure) => (m === 'directLossWanYuan' ? v.toFixed(2) : String(v));

/** A change from the same period last year: ↑ red when up, ↓ green when down. */
export function ChangeCell({ c, measure }: { c: Change | undefined; measure: AccidentMeasure }) {
  if (!c) return <span>—</span>;
  if (c.direction === 'flat')
    return (
      <span data-testid={`change-${measure}`} data-direction="flat">
        0
      </span>
    );
  const colour = c.direction === 'up' ? '#cf1322' : c.direction === 'down' ? '#389e0d' : undefined;
  const arrow = c.direction === 'up' ? '↑' : c.direction === 'down' ? '↓' : '';
  const pct = c.percent === null ? '' : ` ${Math.abs(c.percent)}%`;
  return (
    <span style={{ color: colour }} data-testid={`change-${measure}`} data-direction={c.direction}>
      {arrow}
      {fmt(Math.abs(c.delta), measure)}
      {pct}
    </span>
  );
}

export function AccidentStatsPage() {
  const { t, lang } = useI18n();
  const [params, setParams] = useSearchParams();
  const groupBy = (params.get('groupBy') as Group | null) ?? 'region';
  const [mode, setMode] = useState<Mode>(() => modeOf(params.get('period')));
  const period = params.get('period') ?? String(dayjs().year());
  const base = new URLSearchParams({ period });
  if (params.get('regionCode')) base.set('regionCode', params.get('regionCode') as string);
  const grouped = new URLSearchParams(base);
  grouped.set('groupBy', groupBy);
  const trendQs = new URLSearchParams({ years: '2' });
  if (params.get('regionCode')) trendQs.set('regionCode', params.get('regionCode') as string);

  const q = useQuery({ queryKey: ['accident-stats', grouped.toString()], queryFn: () => fetchAccidentStats(grouped.toString()) });
  const trend = useQuery({ queryKey: ['accident-trend', trendQs.toString()], queryFn: () => fetchAccidentTrend(trendQs.toString()) });
  const serious = useQuery({ queryKey: ['accident-serious', base.toString()], queryFn: () => fetchSeriousAccidents(base.toString()) });
  // The jurisdiction's map: its children coloured by accidents in the period, 较大及以上 as points.
  const { me } = useSession();
  const mapRegion = groupBy === 'region' ? (params.get('regionCode') ?? me?.scope.regionPrefix ?? '') : '';
  const boundaries = useBoundaries(mapRegion);

  const set = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    setParams(next);
  };

  const option = useMemo<EChartsOption | null>(() => {
    const m = trend.data?.months;
    if (!m) return null;
    return {
      tooltip: { trigger: 'axis' },
      legend: {},
      grid: { left: 40, right: 40, bottom: 50, top: 40 },
      xAxis: { type: 'category', data: m.map((x) => x.month), axisLabel: { rotate: m.length > 12 ? 30 : 0 } },
      yAxis: [
        { type: 'value', minInterval: 1, name: t('accStatAccidents') },
        { type: 'value', minInterval: 1, name: t('accStatDeaths') },
      ],
      series: [
        { name: t('accStatAccidents'), type: 'bar', data: m.map((x) => x.accidents) },
        { name: t('accStatDeaths'), type: 'line', yAxisIndex: 1, data: m.map((x) => x.deaths), itemStyle: { color: '#e53935' } },
      ],
    };
  }, [trend.data, t]);

  const d = q.data;
  const children = (d?.rows ?? []).filter((r) => /^\d{6,12}$/.test(r.key) && !r.label.zh.endsWith('本级'));
  const most = Math.max(0, ...children.map((r) => r.current.accidents));
  const mapItems: MapItem[] = children.map((r) => ({
    code: r.key,
    name: pick(lang, r.label),
    value: r.current.accidents,
    colour: openHazardColour(r.current.accidents, most),
    detail: r.current.deaths,
  }));
  const mapPoints = (serious.data?.items ?? []).flatMap((a) =>
    a.latitude !== null && a.longitude !== null ? [{ lat: a.latitude, lng: a.longitude, name: `${a.number} ${a.unitName}` }] : [],
  );
  const rows: (AccidentStatsRow & { total?: boolean })[] = d
    ? [...d.rows, { key: 'total', label: { zh: t('accStatTotal'), en: t('accStatTotal') }, ...d.total, total: true }]
    : [];
  const measureColumns = ACCIDENT_MEASURES.map((m) => ({
    title: pick(lang, ACCIDENT_MEASURE_LABELS[m]),
    children: [
      {
        title: t('accStatCurrent'),
        key: `${m}-current`,
        align: 'right' as const,
        render: (_: unknown, r: AccidentStatsRow) => fmt(r.current[m], m),
      },
      {
        title: t('accStatPrevious'),
        key: `${m}-previous`,
        align: 'right' as const,
        render: (_: unknown, r: AccidentStatsRow) => fmt(r.previous[m], m),
      },
      {
        title: t('accStatChange'),
        key: `${m}-change`,
        align: 'right' as const,
        render: (_: unknown, r: AccidentStatsRow) => <ChangeCell c={r.change[m]} measure={m} />,
      },
    ],
  }));

  return (
    <Card
      title={t('accMenuStats')}
      loading={q.isLoading}
      extra={
        params.get('regionCode') && (
          <Button onClick={() => set({ regionCode: null })} data-testid="accident-stat-drill-up">
            {t('drillUp')}
          </Button>
        )
      }
      data-testid="accident-stats"
    >
      <Space wrap style={{ marginBottom: 12 }}>
        <span>{t('accStatPeriod')}</span>
        <Segmented<Mode>
          value={mode}
          onChange={setMode}
          options={[
            { value: 'year', label: t('accStatYear') },
            { value: 'quarter', label: t('accStatQuarter') },
            { value: 'month', label: t('accStatMonth') },
          ]}
        />
        <NamedPeriodPicker
          mode={mode}
          period={period}
          onChange={(p) => set({ period: p })}
          ariaLabel={t('accStatPeriod')}
          testId="accident-stat-period"
        />
        {d && (
          <Typography.Text type="secondary" data-testid="accident-stat-period-label">
            {`${d.period.from} ~ ${d.period.to}`} · {t('accStatVs')} {`${d.previousPeriod.from} ~ ${d.previousPeriod.to}`}
          </Typography.Text>
        )}
        <Button icon={<DownloadOutlined />} href={accidentStatsXlsxUrl(grouped.toString())} data-testid="accident-stat-excel">
          {t('accStatExcel')}
        </Button>
      </Space>
      {d && (
        <>
          <Space wrap size="large" style={{ marginBottom: 16 }}>
            <Statistic
              title={t('accStatAccidents')}
              value={d.total.current.accidents}
              suffix={<ChangeCell c={d.total.change.accidents} measure="accidents" />}
            />
            <Statistic
              title={t('accStatDeaths')}
              value={d.total.current.deaths}
              suffix={<ChangeCell c={d.total.change.deaths} measure="deaths" />}
            />
            <Statistic
              title={t('accStatNearMisses')}
              value={d.nearMisses.current}
              suffix={<span style={{ fontSize: 13 }}>{t('accStatLastYear', { n: d.nearMisses.previous })}</span>}
            />
            {d.doubleDecline ? (
              <Tag color="green" style={{ fontSize: 16, padding: '4px 10px' }} data-testid="accident-double-decline">
                {t('accDoubleDecline')}
              </Tag>
            ) : (
              <Tag style={{ fontSize: 14, padding: '4px 10px' }} data-testid="accident-no-double-decline">
                {t('accNoDoubleDecline')}
              </Tag>
            )}
          </Space>
          <Alert type="info" showIcon style={{ marginBottom: 16 }} message={t('accStatNote')} />
          {option && (
            <>
              <h4>{t('accStatTrend')}</h4>
              <Chart option={option} testId="accident-trend-chart" />
            </>
          )}
          <Space style={{ margin: '12px 0' }} wrap>
            <span>{t('accStatGroupBy')}</span>
            <Segmented<Group>
              value={groupBy}
              onChange={(v) => set({ groupBy: v === 'region' ? null : v })}
              options={GROUPS.map((g) => ({ value: g, label: t(GROUP_KEYS[g]) }))}
              data-testid="accident-stat-group-by"
            />
          </Space>
          {mapRegion && boundaries.data && mapItems.length > 0 && (
            <div style={{ marginBottom: 16 }} data-testid="accident-map">
              <RegionMap
                region={mapRegion}
                title={t('accStatMap')}
                items={mapItems}
                valueLabel={t('accStatAccidents')}
                detailLabel={t('accStatDeaths')}
                points={mapPoints}
                onSelect={(code) => set({ regionCode: code })}
                legend={[
                  { label: t('accStatMapMore'), colour: MAP_HAZARD_SCALE[1] },
                  { label: t('accStatMapNone'), colour: MAP_EMPTY_COLOUR },
                ]}
                testId="accident-region-map"
              />
            </div>
          )}
          <Table<AccidentStatsRow & { total?: boolean }>
            size="small"
            rowKey="key"
            bordered
            dataSource={rows}
            pagination={false}
            scroll={{ x: 1700 }}
            data-testid="accident-stat-table"
            columns={[
              {
                title: t(GROUP_KEYS[groupBy]),
                key: 'label',
                fixed: 'left',
                width: 160,
                render: (_, r) =>
                  r.total ? (
                    <strong>{pick(lang, r.label)}</strong>
                  ) : groupBy === 'region' &&
                    /^\d{6,12}$/.test(r.key) &&
                    r.key !== params.get('regionCode') &&
                    !r.label.zh.endsWith('本级') ? (
                    <Button type="link" size="small" onClick={() => set({ regionCode: r.key })} data-testid="accident-stat-drill">
                      {pick(lang, r.label)}
                    </Button>
                  ) : (
                    pick(lang, r.label)
                  ),
              },
              ...measureColumns,
            ]}
          />
        </>
      )}
      <h4 style={{ marginTop: 24 }}>{t('accStatSerious')}</h4>
      <Table<AccidentListItem>
        size="small"
        rowKey="id"
        loading={serious.isLoading}
        dataSource={serious.data?.items ?? []}
        pagination={false}
        scroll={{ x: 900 }}
        data-testid="accident-stat-serious"
        columns={[
          { title: t('accNumber'), dataIndex: 'number', render: (v: string, a) => <Link to={`/accidents/${a.id}`}>{v}</Link> },
          { title: t('accUnit'), dataIndex: 'unitName' },
          { title: t('region'), dataIndex: 'regionName', render: (v: string | null) => v ?? '—' },
          { title: t('accOccurredAt'), dataIndex: 'occurredAt', render: (v: string) => formatTime(v, lang) },
          { title: t('accGrade'), dataIndex: 'grade', render: (g: AccidentListItem['grade']) => <GradeTag grade={g} /> },
          { title: t('accDeaths'), dataIndex: 'deaths', align: 'right', render: (v: number | null) => v ?? t('accUnknown') },
        ]}
      />
    </Card>
  );
}

// 执法统计: for a jurisdiction and a period (a year, a quarter, a month or a range, in the URL),
// the rates with their definitions (立案率, 处罚率, 收缴率, 计划 and 明查暗访 completion), the counts,
// the month chart (ECharts, as the hazard dashboard draws), and the breakdown by sub-region (with
// drill-down), month or industry; the Excel of the same figures and the monthly case report PDF.
import { DownloadOutlined, FilePdfOutlined, QuestionCircleOutlined } from '@ant-design/icons';
import {
  type EnforcementStats,
  formatCount,
  formatRate,
  formatYuan,
  STATS_DEFINITIONS,
  STATS_GROUPS,
  type StatsGroup,
} from '@taishan/domain';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Col, DatePicker, Row, Segmented, Space, Statistic, Table, Tooltip } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { EChartsOption } from 'echarts';
import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { Chart, perRegionOption } from '../../components/Chart.tsx';
import { NamedPeriodPicker, namedPeriodMode } from '../../components/NamedPeriodPicker.tsx';
import { type MessageKey, pick, useI18n } from '../../i18n.tsx';
import { fetchStats, monthlyReportUrl, statsXlsxUrl } from './stats-api.ts';

type Figures = EnforcementStats['totals'];
type Group = EnforcementStats['groups'][number];
type Mode = 'year' | 'quarter' | 'month' | 'range';

const GROUP_KEYS: Record<StatsGroup, MessageKey> = { region: 'region', month: 'statPeriodMonth', industry: 'industry' };

/** The picker's mode from the URL's period: 2025 · 2025-Q3 · 2025-07 · a range. */
function modeOf(params: URLSearchParams): Mode {
  const p = params.get('period');
  if (!p) return params.get('from') || params.get('to') ? 'range' : 'year';
  return namedPeriodMode(p);
}

export function StatsPage() {
  const { t, lang } = useI18n();
  const [params, setParams] = useSearchParams();
  const groupBy = (params.get('groupBy') as StatsGroup | null) ?? 'region';
  const [mode, setMode] = useState<Mode>(() => modeOf(params));
  const [reportMonth, setReportMonth] = useState<Dayjs>(() => dayjs().subtract(1, 'month'));
  const base = new URLSearchParams();
  for (const k of ['regionCode', 'period', 'from', 'to', 'departmentId']) if (params.get(k)) base.set(k, params.get(k) as string);
  if (!base.get('period') && !base.get('from') && !base.get('to')) base.set('period', String(dayjs().year()));
  const grouped = new URLSearchParams(base);
  grouped.set('groupBy', groupBy);
  const monthly = new URLSearchParams(base);
  monthly.set('groupBy', 'month');
  const q = useQuery({ queryKey: ['enforcement-stats', grouped.toString()], queryFn: () => fetchStats(grouped.toString()) });
  // The chart is by month whatever the table shows.
  const m = useQuery({
    queryKey: ['enforcement-stats', monthly.toString()],
    queryFn: () => fetchStats(monthly.toString()),
    enabled: groupBy !== 'month',
  });
  const months = groupBy === 'month' ? q.data : m.data;

  const set = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    setParams(next);
  };
  const setPeriod = (period: string | null, range?: [string, string] | null) =>
    set({ period, from: range?.[0] ?? null, to: range?.[1] ?? null });

  const d = q.data;
  const period = base.get('period');
  const option = useMemo<EChartsOption | null>(() => {
    if (!months) return null;
    const g = months.groups;
    return perRegionOption(
      g.map((r) => r.name),
      [
        { name: t('statInspections'), type: 'bar', data: g.map((r) => r.inspections) },
        { name: t('statWithViolations'), type: 'bar', data: g.map((r) => r.withViolations) },
        { name: t('statCases'), type: 'bar', data: g.map((r) => r.cases) },
        { name: t('statDecisions'), type: 'line', data: g.map((r) => r.decisions), itemStyle: { color: '#e53935' } },
      ],
    );
  }, [months, t]);

  const rateTitle = (key: MessageKey, def: keyof typeof STATS_DEFINITIONS) => (
    <Tooltip title={pick(lang, STATS_DEFINITIONS[def])}>
      <span data-testid={`stat-definition-${def}`}>
        {t(key)} <QuestionCircleOutlined aria-label={pick(lang, STATS_DEFINITIONS[def])} />
      </span>
    </Tooltip>
  );
  const rates: [MessageKey, keyof typeof STATS_DEFINITIONS, keyof Figures][] = [
    ['statFilingRate', 'filingRate', 'filingRate'],
    ['statPenaltyRate', 'penaltyRate', 'penaltyRate'],
    ['statCollectionRate', 'collectionRate', 'collectionRate'],
    ['statPlanCompletion', 'planCompletion', 'planCompletion'],
    ['statQuotaCompletion', 'quotaCompletion', 'quotaCompletion'],
  ];
  const counts: [MessageKey, keyof Figures, 'count' | 'money'][] = [
    ['statInspections', 'inspections', 'count'],
    ['statEnterprises', 'enterprises', 'count'],
    ['statUnannounced', 'unannounced', 'count'],
    ['statCovert', 'covert', 'count'],
    ['statViolations', 'violations', 'count'],
    ['statHazardsFound', 'hazardsFound', 'count'],
    ['statHazardsFixed', 'hazardsFixed', 'count'],
    ['statCases', 'cases', 'count'],
    ['statDecisions', 'decisions', 'count'],
    ['statFinesDecided', 'finesDecided', 'money'],
    ['statFinesCollected', 'finesCollected', 'money'],
    ['statSuspensions', 'suspensions', 'count'],
    ['statTransfers', 'transfers', 'count'],
  ];
  const show = (v: Figures[keyof Figures], kind: 'count' | 'money' | 'rate') =>
    kind === 'rate' ? formatRate(v as number | null) : kind === 'money' ? formatYuan(v as number) : formatCount(v as number | null);
  const column = (key: MessageKey, k: keyof Figures, kind: 'count' | 'money' | 'rate') => ({
    title: t(key),
    dataIndex: k,
    align: 'right' as const,
    render: (v: Figures[keyof Figures]) => show(v, kind),
  });
  const totalRow = d ? ({ ...d.totals, key: 'total', name: t('statTotal') } as Group) : null;

  return (
    <Card
      title={d ? `${d.department?.name ?? d.region.name} · ${t('statTitle')}` : t('statTitle')}
      loading={q.isLoading}
      extra={
        params.get('regionCode') && (
          <Button onClick={() => set({ regionCode: null })} data-testid="stat-drill-up">
            {t('statDrillUp')}
          </Button>
        )
      }
    >
      <Space wrap style={{ marginBottom: 12 }}>
        <span>{t('statPeriod')}</span>
        <Segmented<Mode>
          value={mode}
          onChange={setMode}
          options={(['year', 'quarter', 'month', 'range'] as const).map((v) => ({
            value: v,
            label: t(
              v === 'year'
                ? 'statPeriodYear'
                : v === 'quarter'
                  ? 'statPeriodQuarter'
                  : v === 'month'
                    ? 'statPeriodMonth'
                    : 'statPeriodRange',
            ),
          }))}
          data-testid="stat-period-mode"
        />
        {mode === 'range' ? (
          <DatePicker.RangePicker
            aria-label={t('statPeriod')}
            value={params.get('from') && params.get('to') ? [dayjs(params.get('from')), dayjs(params.get('to'))] : null}
            onChange={(r) => (r?.[0] && r[1] ? setPeriod(null, [r[0].format('YYYY-MM-DD'), r[1].format('YYYY-MM-DD')]) : setPeriod(null))}
            data-testid="stat-range"
          />
        ) : (
          <NamedPeriodPicker mode={mode} period={period} onChange={(p) => setPeriod(p)} ariaLabel={t('statPeriod')} testId="stat-period" />
        )}
        {d && <span data-testid="stat-period-label">{`${d.period.from} ~ ${d.period.to}`}</span>}
        <Button icon={<DownloadOutlined />} href={statsXlsxUrl(grouped.toString())} data-testid="stat-excel">
          {t('statExcel')}
        </Button>
      </Space>
      <Space wrap style={{ marginBottom: 16 }}>
        <span>{t('statMonthlyReport')}</span>
        <DatePicker
          picker="month"
          allowClear={false}
          aria-label={t('statReportMonth')}
          value={reportMonth}
          disabledDate={(v) => v.isAfter(dayjs(), 'month')}
          onChange={(v: Dayjs | null) => v && setReportMonth(v)}
          data-testid="stat-report-month"
        />
        <Button
          icon={<FilePdfOutlined />}
          href={monthlyReportUrl(reportMonth.format('YYYY-MM'), {
            regionCode: params.get('regionCode'),
            departmentId: params.get('departmentId'),
          })}
          target="_blank"
          data-testid="stat-monthly-report"
        >
          {t('statDownloadReport')}
        </Button>
      </Space>
      {d && (
        <>
          <Row gutter={16} style={{ marginBottom: 16 }} data-testid="stat-rates">
            {rates.map(([key, def, k]) => (
              <Col key={k} xs={12} md={8} lg={4}>
                <Statistic title={rateTitle(key, def)} value={show(d.totals[k], 'rate')} />
              </Col>
            ))}
            <Col xs={12} md={8} lg={4}>
              <Statistic title={t('statQuota')} value={formatCount(d.totals.covertQuota)} />
            </Col>
          </Row>
          <Row gutter={16} style={{ marginBottom: 8 }} data-testid="stat-totals">
            {counts.map(([key, k, kind]) => (
              <Col key={k} xs={12} md={6} lg={kind === 'money' ? 6 : 3}>
                <Statistic title={t(key)} value={show(d.totals[k], kind)} />
              </Col>
            ))}
          </Row>
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 16 }}
            message={`${t('statQuotaNote', { county: d.quotas.county, city: d.quotas.city })}；${t('statNoneNote')}`}
          />
          {option && (
            <>
              <h4>{t('statChartTitle')}</h4>
              <Chart option={option} testId="stat-chart" />
            </>
          )}
          <Space style={{ margin: '12px 0' }}>
            <span>{t('statGroupBy')}</span>
            <Segmented<StatsGroup>
              value={groupBy}
              onChange={(v) => set({ groupBy: v === 'region' ? null : v })}
              options={STATS_GROUPS.map((g) => ({ value: g, label: t(GROUP_KEYS[g]) }))}
              data-testid="stat-group-by"
            />
          </Space>
          <Table<Group>
            size="small"
            rowKey="key"
            dataSource={totalRow ? [...d.groups, totalRow] : d.groups}
            pagination={false}
            scroll={{ x: 1800 }}
            data-testid="stat-table"
            columns={[
              {
                title: t(GROUP_KEYS[groupBy]),
                dataIndex: 'name',
                fixed: 'left',
                render: (v: string, r) =>
                  groupBy === 'region' && r.key !== 'total' && /^\d{12}$/.test(r.key) && r.key !== d.region.code ? (
                    <Button type="link" size="small" onClick={() => set({ regionCode: r.key.replace(/(000)+$/, '') })}>
                      {v}
                    </Button>
                  ) : r.key === 'total' ? (
                    <strong>{v}</strong>
                  ) : (
                    v
                  ),
              },
              column('statInspections', 'inspections', 'count'),
              column('statEnterprises', 'enterprises', 'count'),
              column('statUnannounced', 'unannounced', 'count'),
              column('statCovert', 'covert', 'count'),
              column('statWithViolations', 'withViolations', 'count'),
              column('statHazardsFound', 'hazardsFound', 'count'),
              column('statHazardsFixed', 'hazardsFixed', 'count'),
              column('statCases', 'cases', 'count'),
              column('statFilingRate', 'filingRate', 'rate'),
              column('statDecisions', 'decisions', 'count'),
              column('statPenaltyRate', 'penaltyRate', 'rate'),
              column('statFinesDecided', 'finesDecided', 'money'),
              column('statFinesCollected', 'finesCollected', 'money'),
              column('statCollectionRate', 'collectionRate', 'rate'),
              column('statSuspensions', 'suspensions', 'count'),
              column('statTransfers', 'transfers', 'count'),
              column('statPlanCompletion', 'planCompletion', 'rate'),
              column('statQuotaCompletion', 'quotaCompletion', 'rate'),
            ]}
          />
        </>
      )}
    </Card>
  );
}

// 举报统计: per sub-region of the jurisdiction — received, outcomes, the share found true,
// average handling days, rewards decided and paid, overdue now — with drill-down.
import type { ReportStats } from '@taishan/domain';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Col, Row, Statistic, Table } from 'antd';
import type { EChartsOption } from 'echarts';
import { useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { api } from '../../api.ts';
import { Chart, perRegionOption } from '../../components/Chart.tsx';
import { useI18n } from '../../i18n.tsx';

const percent = (x: number | null) => (x === null ? '—' : `${Math.round(x * 1000) / 10}%`);

export function ReportStatsPage() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const region = params.get('region') ?? '';
  const q = useQuery({
    queryKey: ['report-stats', region],
    queryFn: () => api<ReportStats>(`/api/v1/report-stats${region ? `?region=${region}` : ''}`),
  });
  const d = q.data;
  const option = useMemo<EChartsOption | null>(
    () =>
      d
        ? perRegionOption(
            d.byRegion.map((r) => r.name),
            [
              { name: t('statsReceived'), type: 'bar', data: d.byRegion.map((r) => r.received) },
              { name: t('statsSubstantiated'), type: 'bar', data: d.byRegion.map((r) => r.substantiated) },
              { name: t('overdue'), type: 'line', data: d.byRegion.map((r) => r.overdue), itemStyle: { color: '#e53935' } },
            ],
          )
        : null,
    [d, t],
  );
  return (
    <Card title={t('reportStats')} extra={region && <Button onClick={() => setParams({})}>{t('drillUp')}</Button>}>
      {d && (
        <Row gutter={12} style={{ marginBottom: 12 }}>
          <Col xs={12} md={4}>
            <Statistic title={t('statsReceived')} value={d.totals.received} />
          </Col>
          <Col xs={12} md={4}>
            <Statistic title={t('statsSubstantiatedRate')} value={percent(d.totals.substantiatedRate)} />
          </Col>
          <Col xs={12} md={4}>
            <Statistic title={t('statsAverageDays')} value={d.totals.averageHandlingDays ?? '—'} />
          </Col>
          <Col xs={12} md={4}>
            <Statistic title={t('statsOpen')} value={d.totals.open} />
          </Col>
          <Col xs={12} md={4}>
            <Statistic title={t('statsRewardsDecided')} value={d.totals.rewardsDecided} suffix="元" />
          </Col>
          <Col xs={12} md={4}>
            <Statistic title={t('statsRewardsPaid')} value={d.totals.rewardsPaid} suffix="元" />
          </Col>
        </Row>
      )}
      {option && <Chart option={option} testId="report-stats-chart" />}
      <Table
        rowKey="code"
        size="small"
        loading={q.isLoading}
        dataSource={d?.byRegion}
        pagination={false}
        scroll={{ x: 900 }}
        columns={[
          {
            title: t('region'),
            dataIndex: 'name',
            render: (n: string, r) => (
              <Button type="link" onClick={() => setParams({ region: r.code })}>
                {n}
              </Button>
            ),
          },
          { title: t('statsReceived'), dataIndex: 'received' },
          { title: t('statsOpen'), dataIndex: 'open' },
          { title: t('overdue'), dataIndex: 'overdue' },
          { title: t('statsSubstantiated'), dataIndex: 'substantiated' },
          { title: t('statsUnsubstantiated'), dataIndex: 'unsubstantiated' },
          { title: t('statsSubstantiatedRate'), dataIndex: 'substantiatedRate', render: percent },
          { title: t('statsAverageDays'), dataIndex: 'averageHandlingDays', render: (x: number | null) => x ?? '—' },
          { title: t('statsRewardsDecided'), dataIndex: 'rewardsDecided' },
          { title: t('statsRewardsPaid'), dataIndex: 'rewardsPaid' },
        ]}
      />
    </Card>
  );
}

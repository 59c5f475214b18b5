// 隐患看板: hazards by status, level and overdue per sub-region, with drill-down.
import { HAZARD_STATUS_LABELS, HAZARD_STATUSES } from '@taishan/domain';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Col, Row, Statistic, Table } from 'antd';
import type { EChartsOption } from 'echarts';
import { useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { api } from '../../api.ts';
import { Chart, perRegionOption } from '../../components/Chart.tsx';
import { pick, useI18n } from '../../i18n.tsx';

type RegionRow = Record<string, number> & { code: string; name: string };
type Dash = { region: string; totals: Record<string, number>; byRegion: RegionRow[] };

export function DashboardPage() {
  const { t, lang } = useI18n();
  const [params, setParams] = useSearchParams();
  const region = params.get('region') ?? '';
  const q = useQuery({
    queryKey: ['hazard-dashboard', region],
    queryFn: () => api<Dash>(`/api/v1/hazard-dashboard${region ? `?region=${region}` : ''}`),
  });
  const d = q.data;
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
    <Card title={t('dashboard')} loading={q.isLoading} extra={region && <Button onClick={() => setParams({})}>{t('drillUp')}</Button>}>
      {d && (
        <>
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
                  <Button type="link" size="small" onClick={() => setParams({ region: r.code.replace(/(000)+$/, '') })}>
                    {v}
                  </Button>
                ),
              },
              ...HAZARD_STATUSES.map((s) => ({ title: pick(lang, HAZARD_STATUS_LABELS[s]), dataIndex: s, render: (v?: number) => v ?? 0 })),
              { title: t('overdue'), dataIndex: 'overdue', render: (v?: number) => v ?? 0 },
            ]}
          />
        </>
      )}
    </Card>
  );
}

// 区域风险分布: counts of assessed risk points by level per sub-region and per industry, as
// stacked bars and tables, drilling down region by region and to the enterprises.
import { RISK_LEVEL_INFO, RISK_LEVELS } from '@taishan/domain';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Col, Row, Space, Statistic, Table } from 'antd';
import type { EChartsOption } from 'echarts';
import { useMemo } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api } from '../../api.ts';
import { Chart } from '../../components/Chart.tsx';
import { pick, useI18n } from '../../i18n.tsx';
import { RISK_TEXT } from '../../theme.ts';
import type { RiskDistribution } from './api.ts';

type Counts = RiskDistribution['totals'];
type Dist = RiskDistribution;

const stacked = (labels: string[], rows: Counts[], lang: 'zh' | 'en'): EChartsOption => ({
  tooltip: { trigger: 'axis' },
  legend: {},
  grid: { left: 40, right: 10, bottom: 60, top: 40 },
  xAxis: { type: 'category', data: labels, axisLabel: { rotate: labels.length > 6 ? 30 : 0 } },
  yAxis: { type: 'value', minInterval: 1 },
  series: RISK_LEVELS.map((l) => ({
    name: pick(lang, RISK_LEVEL_INFO[l]),
    type: 'bar',
    stack: 'risk',
    itemStyle: { color: RISK_LEVEL_INFO[l].hex },
    data: rows.map((r) => r[l]),
  })),
});

export function DistributionPage() {
  const { t, lang } = useI18n();
  const [params, setParams] = useSearchParams();
  const region = params.get('region') ?? '';
  const q = useQuery({
    queryKey: ['risk-distribution', region],
    queryFn: () => api<Dist>(`/api/v1/risk-distribution${region ? `?region=${region}` : ''}`),
  });
  const d = q.data;
  const regionChart = useMemo(
    () =>
      d
        ? stacked(
            d.byRegion.map((r) => r.name),
            d.byRegion,
            lang,
          )
        : null,
    [d, lang],
  );
  const industryChart = useMemo(
    () =>
      d
        ? stacked(
            d.byIndustry.map((r) => (lang === 'zh' ? r.name : r.nameEn)),
            d.byIndustry,
            lang,
          )
        : null,
    [d, lang],
  );
  const levelColumns = RISK_LEVELS.map((l) => ({ title: pick(lang, RISK_LEVEL_INFO[l]), dataIndex: l, width: 90 }));
  return (
    <Card
      title={t('distribution')}
      loading={q.isLoading}
      extra={
        region && (
          <Button
            onClick={() =>
              setParams(region.length > 2 ? { region: region.slice(0, region.length <= 4 ? 2 : region.length <= 6 ? 4 : 6) } : {})
            }
          >
            {t('drillUp')}
          </Button>
        )
      }
    >
      {d && (
        <>
          <Row gutter={16} style={{ marginBottom: 16 }} data-testid="distribution-totals">
            {/* The count in dark text beside a swatch of the level's colour (coloured text on white fails contrast). */}
            {RISK_LEVELS.map((l) => (
              <Col key={l} xs={12} md={6}>
                <Statistic
                  title={pick(lang, RISK_LEVEL_INFO[l])}
                  value={d.totals[l]}
                  valueStyle={{ color: RISK_TEXT }}
                  prefix={
                    <span
                      aria-hidden
                      style={{ display: 'inline-block', width: 14, height: 14, borderRadius: 2, background: RISK_LEVEL_INFO[l].hex }}
                    />
                  }
                />
              </Col>
            ))}
          </Row>
          <Row gutter={16}>
            <Col xs={24} lg={12}>
              <Card size="small" title={t('byRegion')}>
                {regionChart && <Chart option={regionChart} testId="chart-region" />}
              </Card>
            </Col>
            <Col xs={24} lg={12}>
              <Card size="small" title={t('byIndustry')}>
                {industryChart && <Chart option={industryChart} testId="chart-industry" />}
              </Card>
            </Col>
          </Row>
          <Table
            style={{ marginTop: 16 }}
            size="small"
            rowKey="code"
            title={() => t('byRegion')}
            dataSource={d.byRegion}
            pagination={false}
            scroll={{ x: 600 }}
            data-testid="distribution-regions"
            columns={[
              {
                title: t('region'),
                dataIndex: 'name',
                render: (v: string, r: { code: string }) => (
                  <Button type="link" size="small" onClick={() => setParams({ region: r.code.replace(/(000)+$/, '') })}>
                    {v}
                  </Button>
                ),
              },
              ...levelColumns,
            ]}
          />
          <Table
            style={{ marginTop: 16 }}
            size="small"
            rowKey="id"
            title={() => t('enterprises')}
            dataSource={d.enterprises}
            pagination={{ pageSize: 20 }}
            scroll={{ x: 600 }}
            columns={[
              {
                title: t('name'),
                dataIndex: 'name',
                render: (v: string, r: { id: string }) => <Link to={`/risks?enterpriseId=${r.id}`}>{v}</Link>,
              },
              { title: t('region'), dataIndex: 'regionName' },
              ...levelColumns,
            ]}
          />
          <Space />
        </>
      )}
    </Card>
  );
}

// 库存预警: the 工作台's two lists — batches about to expire (the window is the provisional setting
// supplies.expiryWarningDays; expired ones still in stock first) and items below their reorder
// minimum — in the jurisdiction's own warehouses (an enterprise: its own). ?view= selects the list,
// as the 工作台's links do; the totals are the 工作台's counts. Owner: supplies.
import { useQuery } from '@tanstack/react-query';
import { Card, Segmented, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { MobileCards, usePhone } from '../../components/MobileCards.tsx';
import { useI18n } from '../../i18n.tsx';
import { ProvisionalTag } from './SuppliesPage.tsx';
import { type BelowRow, type ExpiringRow, fetchAlerts } from './supplies-api.ts';

const qty = (n: number) => Number(n.toFixed(3)).toLocaleString();

export function SupplyAlertsPage() {
  const { t } = useI18n();
  const phone = usePhone();
  const [params, setParams] = useSearchParams();
  const view = params.get('view') === 'belowMinimum' ? 'belowMinimum' : 'expiring';
  const [page, setPage] = useState(1);
  const qs = `view=${view}&page=${page}&pageSize=20`;
  const q = useQuery({ queryKey: ['supplies', 'alerts', qs], queryFn: () => fetchAlerts<ExpiringRow & BelowRow>(qs) });
  const rows = q.data?.items ?? [];
  const pagination = { current: page, pageSize: 20, total: q.data?.total ?? 0, onChange: setPage, showSizeChanger: false };
  const warehouseLink = (r: { warehouseId: string; warehouseName: string }) => (
    <Link to={`/emergency/supplies/warehouses/${r.warehouseId}`}>{r.warehouseName}</Link>
  );
  return (
    <Card title={t('emSuAlerts')} data-testid="supplies-alerts">
      <Space direction="vertical" style={{ width: '100%' }}>
        <Segmented
          value={view}
          onChange={(v) => {
            setParams({ view: String(v) });
            setPage(1);
          }}
          options={[
            { value: 'expiring', label: `${t('emSuWorkExpiring')}${view === 'expiring' && q.data ? ` (${q.data.total})` : ''}` },
            {
              value: 'belowMinimum',
              label: `${t('emSuWorkBelowMinimum')}${view === 'belowMinimum' && q.data ? ` (${q.data.total})` : ''}`,
            },
          ]}
        />
        {view === 'expiring' && (
          <Typography.Text type="secondary">
            {t('emSuExpiryWindowTip')} <ProvisionalTag />
          </Typography.Text>
        )}
        {phone ? (
          <MobileCards
            items={rows}
            loading={q.isLoading}
            rowKey={(r) => (view === 'expiring' ? r.stockId : `${r.warehouseId}-${r.itemId}`)}
            pagination={pagination}
            testId="supplies-alert-list"
            card={(r) => ({
              title: r.itemName,
              link: `/emergency/supplies/warehouses/${r.warehouseId}`,
              subtitle: r.warehouseName,
              tags:
                view === 'expiring' ? (
                  <Tag color={r.expired ? 'red' : 'orange'}>{r.expired ? t('emSuExpired') : t('emSuExpiring')}</Tag>
                ) : (
                  <Tag color="volcano">{t('emSuBelowMinimum')}</Tag>
                ),
              facts:
                view === 'expiring'
                  ? [
                      { label: t('emSuExpiresOn'), value: r.expiresOn },
                      { label: t('emSuQuantity'), value: `${qty(r.quantity)} ${r.unit}` },
                    ]
                  : [
                      { label: t('emSuQuantity'), value: `${qty(r.quantity)} / ${qty(r.minimum)} ${r.unit}` },
                      { label: t('emSuShortfall'), value: `${qty(r.shortfall)} ${r.unit}` },
                    ],
            })}
          />
        ) : view === 'expiring' ? (
          <Table
            size="small"
            rowKey="stockId"
            loading={q.isLoading}
            dataSource={rows}
            pagination={pagination}
            data-testid="supplies-alert-list"
            columns={[
              { title: t('emSuWarehouse'), render: (_, r) => warehouseLink(r) },
              { title: t('emSuItem'), dataIndex: 'itemName' },
              { title: t('emSuBatchNo'), dataIndex: 'batchNo', render: (v: string) => v || '—' },
              {
                title: t('emSuExpiresOn'),
                render: (_, r) => (
                  <Space>
                    {r.expiresOn}
                    <Tag color={r.expired ? 'red' : 'orange'}>{r.expired ? t('emSuExpired') : t('emSuExpiring')}</Tag>
                  </Space>
                ),
              },
              { title: t('emSuQuantity'), render: (_, r) => `${qty(r.quantity)} ${r.unit}` },
            ]}
          />
        ) : (
          <Table
            size="small"
            rowKey={(r) => `${r.warehouseId}-${r.itemId}`}
            loading={q.isLoading}
            dataSource={rows}
            pagination={pagination}
            data-testid="supplies-alert-list"
            columns={[
              { title: t('emSuWarehouse'), render: (_, r) => warehouseLink(r) },
              { title: t('emSuItem'), dataIndex: 'itemName' },
              { title: t('emSuQuantity'), render: (_, r) => `${qty(r.quantity)} ${r.unit}` },
              { title: t('emSuMinimum'), render: (_, r) => `${qty(r.minimum)} ${r.unit}` },
              {
                title: t('emSuShortfall'),
                render: (_, r) => <Typography.Text type="danger">{`${qty(r.shortfall)} ${r.unit}`}</Typography.Text>,
              },
            ]}
          />
        )}
      </Space>
    </Card>
  );
}

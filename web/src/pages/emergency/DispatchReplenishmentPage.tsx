// 补充储备清单: after the event, what left the level's reserves and did not come back, per warehouse
// and item (shipped − returned), with what arrived. Owner: dispatch.
import { useQuery } from '@tanstack/react-query';
import { Card, Table } from 'antd';
import { Link } from 'react-router';
import { useI18n } from '../../i18n.tsx';
import { fetchReplenishment } from './dispatch-api.ts';

export function DispatchReplenishmentPage() {
  const { t } = useI18n();
  const q = useQuery({ queryKey: ['dispatch-replenishment'], queryFn: fetchReplenishment });
  return (
    <Card title={t('emDiReplenishment')} extra={<Link to="/emergency/dispatch">{t('emDiBack')}</Link>}>
      <Table
        rowKey={(r) => `${r.warehouseId}-${r.itemId}`}
        size="small"
        loading={q.isLoading}
        dataSource={q.data?.items ?? []}
        data-testid="dispatch-replenishment"
        columns={[
          { title: t('emDiWarehouse'), dataIndex: 'warehouseName' },
          { title: t('emDiItem'), key: 'i', render: (_, r) => `${r.itemName}${r.spec ? `（${r.spec}）` : ''}` },
          { title: t('emDiUnit'), dataIndex: 'unit' },
          { title: t('emDiQtyShipped'), dataIndex: 'shipped' },
          { title: t('emDiQtyReceived'), dataIndex: 'received' },
          { title: t('emDiQtyReturned'), dataIndex: 'returned' },
          { title: t('emDiQtyReplenish'), dataIndex: 'replenish', render: (v: number) => <b>{v}</b> },
        ]}
      />
    </Card>
  );
}

// The accidents on an enterprise's file (issue 25 item 6): the list filtered to the enterprise.
// Shown on EnterpriseDetailPage for those who may see accidents.
import { ACCIDENT_STATUS_LABELS } from '@taishan/domain';
import { useQuery } from '@tanstack/react-query';
import { Card, Table, Tag } from 'antd';
import { Link } from 'react-router';
import { formatTime, pick, useI18n } from '../../i18n.tsx';
import { may, useSession } from '../../session.tsx';
import { type AccidentListItem, fetchAccidents } from './accidents-api.ts';
import { Figure, GradeTag } from './parts.tsx';

export function EnterpriseAccidents({ enterpriseId }: { enterpriseId: string }) {
  const { t, lang } = useI18n();
  const { me } = useSession();
  const allowed = may(me, 'accidents.view');
  const qs = new URLSearchParams({ enterpriseId, pageSize: '50' }).toString();
  const q = useQuery({ queryKey: ['accidents', qs], queryFn: () => fetchAccidents(qs), enabled: allowed, retry: false });
  if (!allowed || q.isError) return null;
  const items = q.data?.items ?? [];
  return (
    <Card size="small" title={t('accOnFile')} style={{ marginTop: 16 }} data-testid="enterprise-accidents">
      <Table<AccidentListItem>
        size="small"
        rowKey="id"
        loading={q.isLoading}
        dataSource={items}
        pagination={false}
        locale={{ emptyText: t('accOnFileNone') }}
        scroll={{ x: 700 }}
        columns={[
          { title: t('accNumber'), dataIndex: 'number', render: (v: string, a) => <Link to={`/accidents/${a.id}`}>{v}</Link> },
          { title: t('accOccurredAt'), dataIndex: 'occurredAt', render: (v: string) => formatTime(v, lang) },
          { title: t('accGrade'), key: 'grade', render: (_, a) => <GradeTag grade={a.grade} nearMiss={a.nearMiss} /> },
          { title: t('accDeaths'), dataIndex: 'deaths', align: 'right', render: (v: number | null) => <Figure value={v} /> },
          {
            title: t('status'),
            dataIndex: 'status',
            render: (s: AccidentListItem['status']) => <Tag>{pick(lang, ACCIDENT_STATUS_LABELS[s])}</Tag>,
          },
        ]}
      />
    </Card>
  );
}

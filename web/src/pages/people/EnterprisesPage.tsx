// 企业持证概况: per enterprise of the jurisdiction (an enterprise: its own), how many people, how
// many certificates in their 60-day window or overdue, re-tests, missing qualifications, training
// shortfalls, and the 安全总监 checked against the people records. A row opens its people.
import { SAFETY_DIRECTOR_CHECK_LABELS, type SafetyDirectorCheck } from '@taishan/domain';
import { useQuery } from '@tanstack/react-query';
import { Card, Segmented, Table, Tag } from 'antd';
import { useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { pick, useI18n } from '../../i18n.tsx';
import { type EnterpriseSummary, fetchEnterpriseSummaries } from './people-api.ts';

const FILTERS = [
  ['', 'ppFilterAll'],
  ['expiring', 'ppFilterExpiring'],
  ['overdue', 'ppFilterOverdue'],
  ['missingQualification', 'ppFilterMissing'],
  ['trainingShortfall', 'ppFilterShortfall'],
  ['retest', 'ppFilterRetest'],
  ['safetyDirector', 'ppFilterSafetyDirector'],
] as const;
const DIRECTOR_COLOR: Record<SafetyDirectorCheck, string> = {
  ok: 'green',
  notRequired: 'default',
  missing: 'red',
  notRecorded: 'orange',
  noQualification: 'red',
  qualificationExpired: 'red',
};

export function EnterprisesPage() {
  const { t, lang } = useI18n();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const filter = params.get('filter') ?? '';
  const [page, setPage] = useState(1);
  const q = useQuery({
    queryKey: ['people', 'enterprises', filter, page],
    queryFn: () => fetchEnterpriseSummaries({ filter: filter || undefined, page, pageSize: 50 }),
  });
  const n = (v: number, color: string) => (v ? <Tag color={color}>{v}</Tag> : <span>0</span>);
  return (
    <Card title={t('ppMenuEnterprises')}>
      <Segmented
        style={{ marginBottom: 12 }}
        value={filter}
        onChange={(v) => {
          setPage(1);
          setParams(v ? { filter: String(v) } : {});
        }}
        options={FILTERS.map(([value, key]) => ({ value, label: t(key) }))}
      />
      <Table<EnterpriseSummary>
        rowKey="enterpriseId"
        size="small"
        loading={q.isLoading}
        dataSource={q.data?.items ?? []}
        pagination={{ current: page, pageSize: 50, total: q.data?.total ?? 0, onChange: setPage }}
        onRow={(r) => ({ onClick: () => navigate(`/people?enterpriseId=${r.enterpriseId}`), style: { cursor: 'pointer' } })}
        scroll={{ x: 1000 }}
        data-testid="people-enterprises"
        columns={[
          { title: t('ppEnterprise'), dataIndex: 'name', width: 220 },
          { title: t('ppRegion'), dataIndex: 'regionName', width: 120 },
          { title: t('ppPeopleCount'), dataIndex: 'people', width: 70 },
          { title: t('ppFilterExpiring'), dataIndex: 'expiring', width: 100, render: (v: number) => n(v, 'orange') },
          { title: t('ppFilterOverdue'), dataIndex: 'overdue', width: 100, render: (v: number) => n(v, 'red') },
          { title: t('ppFilterRetest'), dataIndex: 'retest', width: 90, render: (v: number) => n(v, 'volcano') },
          { title: t('ppFilterMissing'), dataIndex: 'missingQualification', width: 100, render: (v: number) => n(v, 'red') },
          { title: t('ppFilterShortfall'), dataIndex: 'trainingShortfall', width: 100, render: (v: number) => n(v, 'orange') },
          {
            title: t('ppSafetyDirector'),
            width: 240,
            render: (_: unknown, r: EnterpriseSummary) => (
              <>
                {r.safetyDirector ?? '—'}{' '}
                <Tag color={DIRECTOR_COLOR[r.safetyDirectorCheck]}>{pick(lang, SAFETY_DIRECTOR_CHECK_LABELS[r.safetyDirectorCheck])}</Tag>
              </>
            ),
          },
        ]}
      />
    </Card>
  );
}

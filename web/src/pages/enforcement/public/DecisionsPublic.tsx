// Published penalty decisions (一公开, 安全生产法 Art. 78): the unit, its credit code, the article,
// the penalty, the decision's number and dates. No login; natural persons' names come masked from
// the server. Light entry: only api, antd and useI18n.
import type { PublishedDecision } from '@taishan/domain';
import { Alert, Table, Typography } from 'antd';
import { lazy, Suspense, useEffect, useState } from 'react';
import { api } from '../../../api.ts';
import { useI18n } from '../../../i18n-provider.tsx';

// The region picker loads on its own: the list shows first on a slow phone.
const RegionCascader = lazy(() => import('../../../components/RegionCascader.tsx').then((m) => ({ default: m.RegionCascader })));

type Page = { items: PublishedDecision[]; total: number; page: number; pageSize: number };
const PAGE_SIZE = 20;

export function DecisionsPublic() {
  const { t } = useI18n();
  const [page, setPage] = useState(1);
  const [region, setRegion] = useState<string | undefined>();
  const [data, setData] = useState<Page | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let live = true;
    setFailed(false);
    const where = region ? `&region=${region}` : '';
    api<Page>(`/api/v1/public/enforcement/decisions?page=${page}&pageSize=${PAGE_SIZE}${where}`, { credentials: 'omit' })
      .then((d) => live && setData(d))
      .catch(() => live && setFailed(true));
    return () => {
      live = false;
    };
  }, [page, region]);

  return (
    <div>
      <Typography.Paragraph type="secondary">{t('openDecisionNote')}</Typography.Paragraph>
      <Suspense fallback={null}>
        <RegionCascader
          anonymous
          changeOnSelect
          value={region ?? null}
          placeholder={t('openDecisionRegion')}
          style={{ width: 320, maxWidth: '100%', marginBottom: 12 }}
          onChange={(code) => {
            setRegion(code);
            setPage(1);
          }}
        />
      </Suspense>
      {failed && <Alert type="error" showIcon message={t('openDecisionError')} style={{ marginBottom: 12 }} />}
      <Table<PublishedDecision>
        rowKey="id"
        size="middle"
        loading={data === null && !failed}
        dataSource={data?.items ?? []}
        locale={{ emptyText: t('openDecisionEmpty') }}
        scroll={{ x: 900 }}
        pagination={{
          current: page,
          pageSize: PAGE_SIZE,
          total: data?.total ?? 0,
          onChange: setPage,
          showTotal: (n) => t('openDecisionTotal', { n }),
        }}
        columns={[
          { title: t('openDecisionEnterprise'), dataIndex: 'enterpriseName' },
          { title: t('openDecisionCreditCode'), dataIndex: 'creditCode', render: (v: string | null) => v ?? '—' },
          { title: t('openDecisionArticle'), dataIndex: 'articleText', render: (v: string | null) => v ?? '—' },
          { title: t('openDecisionPenalty'), dataIndex: 'penalty' },
          { title: t('openDecisionNumber'), dataIndex: 'decisionNumber', render: (v: string | null) => v ?? '—' },
          { title: t('openDecisionDate'), dataIndex: 'decidedOn', width: 110 },
          { title: t('openDecisionPublished'), dataIndex: 'publishedOn', width: 110 },
          { title: t('openDecisionIssuer'), dataIndex: 'issuer' },
        ]}
      />
    </div>
  );
}

// 传染病报告卡 of the jurisdiction (a facility: its own), filters by status and disease, paged; the
// person masked as the server decides. Owner: cases.
import { useQuery } from '@tanstack/react-query';
import { Card, Select, Space, Table } from 'antd';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { formatTime, pick, useI18n } from '../../i18n.tsx';
import { fetchCases, fetchDiseases, type PhCase } from './cases-api.ts';
import { CaseStatusTag, useCaseLabel } from './cases-ui.tsx';

export function CaseListPage() {
  const { t, lang } = useI18n();
  const label = useCaseLabel();
  const [params, setParams] = useSearchParams();
  const [page, setPage] = useState(1);
  const q: Record<string, string> = { page: String(page), pageSize: '20' };
  for (const k of ['status', 'diseaseCode', 'overdue']) {
    const v = params.get(k);
    if (v) q[k] = v;
  }
  const cases = useQuery({ queryKey: ['ph-cases', q], queryFn: () => fetchCases(q) });
  const diseases = useQuery({ queryKey: ['ph-diseases'], queryFn: fetchDiseases });
  const set = (k: string, v: string | undefined) => {
    const n = new URLSearchParams(params);
    if (v) n.set(k, v);
    else n.delete(k);
    setParams(n);
    setPage(1);
  };
  return (
    <Card
      title={t('phCaMenu')}
      extra={
        <Space wrap>
          <Select
            aria-label={t('phCaStatus')}
            allowClear
            placeholder={t('phCaStatus')}
            style={{ width: 120 }}
            value={params.get('status') ?? undefined}
            onChange={(v) => set('status', v)}
            options={['reported', 'returned', 'reviewed', 'merged', 'revoked'].map((v) => ({ value: v, label: label('St', v) }))}
          />
          <Select
            aria-label={t('phCaDisease')}
            allowClear
            showSearch
            optionFilterProp="label"
            placeholder={t('phCaDisease')}
            style={{ width: 180 }}
            value={params.get('diseaseCode') ?? undefined}
            onChange={(v) => set('diseaseCode', v)}
            options={(diseases.data ?? []).map((d) => ({ value: d.code, label: pick(lang, d.name) }))}
          />
        </Space>
      }
    >
      <Table<PhCase>
        rowKey="id"
        loading={cases.isLoading}
        dataSource={cases.data?.items ?? []}
        scroll={{ x: true }}
        pagination={{ current: page, pageSize: 20, total: cases.data?.total ?? 0, onChange: setPage }}
        columns={[
          { title: t('phCaNumber'), dataIndex: 'number', render: (v, c) => <Link to={`/public-health/cases/${c.id}`}>{v}</Link> },
          { title: t('phCaDisease'), render: (_, c) => pick(lang, c.diseaseName) },
          { title: t('phCaClassification'), render: (_, c) => label('Cl', c.classification) },
          { title: t('phCaPatient'), render: (_, c) => c.person.name },
          { title: t('phCaResidence'), dataIndex: 'regionName' },
          { title: t('phCaFacility'), dataIndex: 'facilityName' },
          { title: t('phCaDiagnosed'), render: (_, c) => formatTime(c.diagnosedAt, lang) },
          { title: t('phCaStatus'), render: (_, c) => <CaseStatusTag c={c} /> },
        ]}
      />
    </Card>
  );
}

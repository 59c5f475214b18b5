// 报告卡审核: the CDC reviewer's cards waiting for review (overdue first), each with its suspected
// duplicates and a merge with a reason. Owner: cases.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Empty, Input, List, Modal, Space } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { ApiError } from '../../api.ts';
import { formatTime, pick, useI18n } from '../../i18n.tsx';
import { caseAction, fetchCases, fetchDuplicates, type PhCase } from './cases-api.ts';
import { CaseActions, CaseStatusTag, useCaseLabel } from './cases-ui.tsx';

function Duplicates({ c }: { c: PhCase }) {
  const { t, lang } = useI18n();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [into, setInto] = useState<PhCase | null>(null);
  const [reason, setReason] = useState('');
  const dups = useQuery({ queryKey: ['ph-cases', 'dups', c.id], queryFn: () => fetchDuplicates(c.id) });
  if (!dups.data?.length) return null;
  const merge = async () => {
    try {
      await caseAction(c.id, 'merge', { version: c.version, intoId: into?.id, reason });
      await qc.invalidateQueries({ queryKey: ['ph-cases'] });
      setInto(null);
      message.success(t('saved'));
    } catch (e) {
      if (e instanceof ApiError) message.error(Object.values(e.fields)[0] ?? e.message);
      else throw e;
    }
  };
  return (
    <div>
      <b>{t('phCaDuplicates')}</b>
      {dups.data.map((d) => (
        <div key={d.id}>
          <Link to={`/public-health/cases/${d.id}`}>{d.number}</Link> · {d.facilityName} · {formatTime(d.diagnosedAt, lang)} ·{' '}
          {pick(lang, d.diseaseName)}{' '}
          {c.allowedActions.includes('merge') && (
            <Button size="small" onClick={() => setInto(d)} data-testid="ph-case-merge">
              {t('phCaMergeInto')}
            </Button>
          )}
        </div>
      ))}
      <Modal open={into !== null} title={t('phCaAc_merge')} onCancel={() => setInto(null)} onOk={merge}>
        <Input.TextArea placeholder={t('phCaReason')} value={reason} onChange={(e) => setReason(e.target.value)} rows={3} />
      </Modal>
    </div>
  );
}

export function ReviewDeskPage() {
  const { t, lang } = useI18n();
  const label = useCaseLabel();
  const q = useQuery({ queryKey: ['ph-cases', 'desk'], queryFn: () => fetchCases({ status: 'reported', pageSize: '100' }) });
  const items = [...(q.data?.items ?? [])].sort(
    (a, b) => Number(b.reviewOverdue) - Number(a.reviewOverdue) || a.reviewDueAt.localeCompare(b.reviewDueAt),
  );
  return (
    <Card title={t('phCaMenuReview')} loading={q.isLoading}>
      {items.length === 0 ? (
        <Empty />
      ) : (
        <List
          dataSource={items}
          renderItem={(c) => (
            <List.Item key={c.id}>
              <Space direction="vertical" style={{ width: '100%' }}>
                <Space wrap>
                  <Link to={`/public-health/cases/${c.id}`}>{c.number}</Link>
                  <span>{pick(lang, c.diseaseName)}</span>
                  <span>{label('Cl', c.classification)}</span>
                  <span>{c.person.name}</span>
                  <span>{c.facilityName}</span>
                  <span>
                    {t('phCaDiagnosed')} {formatTime(c.diagnosedAt, lang)}
                  </span>
                  <CaseStatusTag c={c} />
                </Space>
                <Duplicates c={c} />
                <CaseActions c={c} />
              </Space>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}

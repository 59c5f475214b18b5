// An event: its facts, the actions allowedActions permit, the timeline (chain steps and reports),
// linked cases (persons masked), contacts (masked but for the CDC reviewer) and tasks. Owner: events.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Descriptions, Input, Modal, message, Space, Table, Tag, Timeline } from 'antd';
import { useState } from 'react';
import { useParams } from 'react-router';
import { ApiError } from '../../api.ts';
import { RegionMap } from '../../components/RegionMap.tsx';
import { type MessageKey, useI18n } from '../../i18n.tsx';
import { bjTime, eventAction, fetchEvent, type TaskItem } from './events-api.ts';
import { ContactDialog, GradeDialog, LinkCaseDialog, TaskDialog } from './events-forms.tsx';

export function EventDetailPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const m = (k: string) => t(k as MessageKey);
  const qc = useQueryClient();
  const q = useQuery({ queryKey: ['phEvent', id], queryFn: () => fetchEvent(id) });
  const [report, setReport] = useState<null | 'initial' | 'progress' | 'closing'>(null);
  const [content, setContent] = useState('');
  const [dialog, setDialog] = useState<null | 'grade' | 'linkCase' | 'addContact' | 'addTask'>(null);
  const act = useMutation({
    mutationFn: ({ path, body }: { path: string; body: unknown }) => eventAction(id, path, body),
    onSuccess: (e) => {
      qc.setQueryData(['phEvent', id], e);
      setReport(null);
      setContent('');
    },
    onError: (e) => message.error(e instanceof ApiError ? e.message : String(e)),
  });
  const e = q.data;
  if (!e) return <Card loading={q.isLoading} />;
  const v = { version: e.version };
  const buttons: Record<string, () => void> = {
    confirm: () => act.mutate({ path: 'confirm', body: v }),
    dismiss: () => act.mutate({ path: 'dismiss', body: v }),
    respond: () => act.mutate({ path: 'respond', body: v }),
    recordChainStep: () => act.mutate({ path: 'chain-steps', body: {} }),
    reportInitial: () => setReport('initial'),
    reportProgress: () => setReport('progress'),
    close: () => setReport('closing'),
    grade: () => setDialog('grade'),
    linkCase: () => setDialog('linkCase'),
    addContact: () => setDialog('addContact'),
    addTask: () => setDialog('addTask'),
  };
  const timeline = [
    ...e.chain.map((s) => ({
      at: s.doneAt ?? s.deadlineAt,
      children: (
        <span>
          {m(`phEvStep_${s.step}`)} · {t('phEvDeadline')} {bjTime(s.deadlineAt)}
          {s.doneAt ? ` · ${t('phEvDoneAt')} ${bjTime(s.doneAt)} ${s.doneBy ?? ''}` : ''}
          {s.late ? <Tag color="red">{t('phEvLate')}</Tag> : null}
          {s.overdue ? <Tag color="volcano">{t('phEvOverdue')}</Tag> : null}
        </span>
      ),
      color: s.doneAt ? (s.late ? 'red' : 'green') : 'gray',
    })),
    ...e.reports.map((r) => ({
      at: r.reportedAt,
      children: (
        <span>
          <Tag color="blue">{m(`phEvRp_${r.kind}`)}</Tag> {r.docNumber} · {bjTime(r.reportedAt)} · {r.content}{' '}
          <a href={`/api/v1/health-events/${e.id}/reports/${r.id}/pdf`} target="_blank" rel="noreferrer">
            {t('phEvPdf')}
          </a>
        </span>
      ),
      color: 'blue',
    })),
  ].sort((a, b) => a.at.localeCompare(b.at));
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="ph-event">
      <Card
        title={`${e.number} ${e.title}`}
        extra={
          <Space>
            {e.allowedActions
              .filter((a) => buttons[a])
              .map((a) => (
                <Button key={a} loading={act.isPending} onClick={buttons[a]}>
                  {m(`phEvAct_${a}`)}
                </Button>
              ))}
          </Space>
        }
      >
        <Descriptions size="small" column={3}>
          <Descriptions.Item label={t('phEvStatus')}>{m(`phEvSt_${e.status}`)}</Descriptions.Item>
          <Descriptions.Item label={t('phEvKind')}>{m(`phEvKd_${e.kind}`)}</Descriptions.Item>
          <Descriptions.Item label={t('phEvGrade')}>{e.grade ? m(`phEvGr_${e.grade}`) : '—'}</Descriptions.Item>
          <Descriptions.Item label={t('phEvRegion')}>{e.regionName}</Descriptions.Item>
          <Descriptions.Item label={t('phEvDiscovered')}>{bjTime(e.discoveredAt)}</Descriptions.Item>
          <Descriptions.Item label={t('phEvAffected')}>{`${e.affected}/${e.deaths}`}</Descriptions.Item>
        </Descriptions>
        {e.summary}
      </Card>
      {e.regionCode.length === 12 && (
        <RegionMap
          region={e.regionCode.slice(0, 6)}
          title={t('phEvMap')}
          items={[{ code: e.regionCode, name: e.regionName ?? e.regionCode, value: 1, colour: '#cf1322' }]}
          points={e.lat != null && e.lng != null ? [{ lat: e.lat, lng: e.lng, name: e.title }] : []}
          height={320}
          testId="ph-event-map"
        />
      )}
      <Card title={`${t('phEvChain')} · ${t('phEvReports')}`}>
        <Timeline items={timeline.map(({ children, color }) => ({ children, color }))} />
      </Card>
      <Card title={t('phEvCases')}>
        <Table
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={e.cases}
          columns={[
            { title: t('phEvNumber'), dataIndex: 'number' },
            { title: t('phEvName'), key: 'p', render: (_, c) => c.person?.name ?? '' },
            { title: t('phEvRegion'), dataIndex: 'regionName' },
            { title: t('phEvDoneAt'), dataIndex: 'diagnosedAt', render: (x) => bjTime(x) },
          ]}
        />
      </Card>
      <Card title={t('phEvContacts')}>
        <Table
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={e.contacts}
          columns={[
            { title: t('phEvName'), dataIndex: 'name' },
            { title: t('phEvPhone'), dataIndex: 'phone' },
            { title: t('phEvRelation'), dataIndex: 'relation' },
            { title: t('phEvFollowUntil'), dataIndex: 'followUpUntil' },
          ]}
        />
      </Card>
      <Card title={t('phEvTasks')}>
        <Table<TaskItem>
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={e.tasks}
          columns={[
            { title: t('phEvKind'), dataIndex: 'kind', render: (x) => m(`phEvTk_${x}`) },
            { title: t('phEvTitle'), dataIndex: 'title' },
            { title: t('phEvAssignee'), dataIndex: 'assigneeName' },
            {
              title: t('phEvDue'),
              dataIndex: 'dueAt',
              render: (x, r) => (
                <span>
                  {bjTime(x)} {r.overdue ? <Tag color="volcano">{t('phEvOverdue')}</Tag> : null}
                </span>
              ),
            },
            { title: t('phEvStatus'), dataIndex: 'status', render: (x) => m(`phEvTs_${x}`) },
          ]}
        />
      </Card>
      {dialog === 'grade' && <GradeDialog event={e} onClose={() => setDialog(null)} />}
      {dialog === 'linkCase' && <LinkCaseDialog event={e} onClose={() => setDialog(null)} />}
      {dialog === 'addContact' && <ContactDialog event={e} onClose={() => setDialog(null)} />}
      {dialog === 'addTask' && <TaskDialog event={e} onClose={() => setDialog(null)} />}
      <Modal
        open={report !== null}
        title={report ? m(`phEvRp_${report}`) : ''}
        onCancel={() => setReport(null)}
        confirmLoading={act.isPending}
        onOk={() => act.mutate({ path: 'reports', body: { kind: report, content, affected: e.affected, deaths: e.deaths } })}
      >
        <Input.TextArea rows={6} value={content} placeholder={t('phEvContent')} onChange={(x) => setContent(x.target.value)} />
      </Modal>
    </Space>
  );
}

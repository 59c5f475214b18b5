// 公共卫生任务: the tasks of the jurisdiction (the cases' 流调 tasks and the events' tasks), mine /
// overdue filters, paged by the server; done and cancel as allowedActions permit. Owner: events.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Checkbox, message, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { ApiError } from '../../api.ts';
import { type MessageKey, useI18n } from '../../i18n.tsx';
import { bjTime, fetchTasks, type TaskItem, taskAction } from './events-api.ts';
import { AssignTaskDialog } from './events-forms.tsx';

const PAGE_SIZE = 20;

export function TaskListPage() {
  const { t } = useI18n();
  const m = (k: string) => t(k as MessageKey);
  const [sp, setSp] = useSearchParams();
  const params = { mine: sp.get('mine') ?? undefined, overdue: sp.get('overdue') ?? undefined, status: sp.get('status') ?? undefined };
  const qc = useQueryClient();
  const [assigning, setAssigning] = useState<TaskItem | null>(null);
  const [page, setPage] = useState(1);
  const q = useQuery({
    queryKey: ['phTasks', params, page],
    queryFn: () => fetchTasks({ ...params, page: String(page), pageSize: String(PAGE_SIZE) }),
  });
  const act = useMutation({
    mutationFn: ({ id, action }: { id: string; action: string }) => taskAction(id, action, {}),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['phTasks'] }),
    onError: (e) => message.error(e instanceof ApiError ? e.message : String(e)),
  });
  const toggle = (k: 'mine' | 'overdue', on: boolean) => {
    const next = new URLSearchParams(sp);
    if (on) next.set(k, '1');
    else next.delete(k);
    setPage(1);
    setSp(next);
  };
  return (
    <Card
      title={t('phEvTasksTitle')}
      data-testid="ph-tasks"
      extra={
        <Space>
          <Checkbox checked={params.mine === '1'} onChange={(e) => toggle('mine', e.target.checked)}>
            {t('phEvMine')}
          </Checkbox>
          <Checkbox checked={params.overdue === '1'} onChange={(e) => toggle('overdue', e.target.checked)}>
            {t('phEvOverdueOnly')}
          </Checkbox>
        </Space>
      }
    >
      <Table<TaskItem>
        rowKey="id"
        size="small"
        loading={q.isLoading}
        dataSource={q.data?.items ?? []}
        pagination={{
          current: page,
          pageSize: PAGE_SIZE,
          total: q.data?.total ?? 0,
          onChange: setPage,
          showSizeChanger: false,
          showTotal: (n) => t('total', { n }),
        }}
        columns={[
          { title: t('phEvKind'), dataIndex: 'kind', render: (x) => m(`phEvTk_${x}`) },
          { title: t('phEvTitle'), dataIndex: 'title' },
          {
            title: t('phEvNumber'),
            key: 'ref',
            render: (_, r) => (r.eventId ? <Link to={`/public-health/events/${r.eventId}`}>{r.eventNumber}</Link> : r.caseNumber),
          },
          { title: t('phEvRegion'), dataIndex: 'regionName' },
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
          {
            title: '',
            key: 'act',
            render: (_, r) => (
              <Space>
                {r.allowedActions.includes('assign') && (
                  <Button size="small" onClick={() => setAssigning(r)}>
                    {t('phEvAct_assign')}
                  </Button>
                )}
                {r.allowedActions
                  .filter((a) => a === 'done' || a === 'cancel')
                  .map((a) => (
                    <Button key={a} size="small" onClick={() => act.mutate({ id: r.id, action: a })}>
                      {m(`phEvAct_${a}`)}
                    </Button>
                  ))}
              </Space>
            ),
          },
        ]}
      />
      {assigning && <AssignTaskDialog taskId={assigning.id} regionCode={assigning.regionCode} onClose={() => setAssigning(null)} />}
    </Card>
  );
}

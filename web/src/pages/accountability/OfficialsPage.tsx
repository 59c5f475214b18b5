// 党政领导干部: the officials of the jurisdiction with this year's work done / total; a drawer shows
// one official's duty list and work items (完成 with the date and evidence). A government's
// supervisors add and edit their own level's officials (allowedActions).
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, DatePicker, Descriptions, Drawer, Form, Input, InputNumber, List, Select, Space, Switch, Table, Tag } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useI18n } from '../../i18n.tsx';
import { may, useSession } from '../../session.tsx';
import {
  addWorkItem,
  completeWorkItem,
  createOfficial,
  fetchOfficial,
  fetchOfficials,
  fetchWorkItems,
  type Official,
  updateOfficial,
  type WorkItem,
} from './accountability-api.ts';
import { FormModal } from './parts.tsx';

type OfficialValues = { name: string; position: string; duties: string; active?: boolean };

export function WorkItemsTable({ items, onComplete }: { items: WorkItem[]; onComplete: (w: WorkItem) => void }) {
  const { t } = useI18n();
  return (
    <Table<WorkItem>
      rowKey="id"
      size="small"
      pagination={false}
      dataSource={items}
      columns={[
        { title: t('acYear'), dataIndex: 'year', width: 70 },
        { title: t('acName'), dataIndex: 'officialName', width: 90 },
        { title: t('acTitle'), dataIndex: 'title' },
        { title: t('acDueOn'), dataIndex: 'dueOn', width: 110 },
        {
          title: t('acStatus'),
          render: (_, w) =>
            w.doneOn ? (
              <Tag color="green">{`${t('acDone')} ${w.doneOn}`}</Tag>
            ) : w.overdue ? (
              <Tag color="red">{t('acOverdue')}</Tag>
            ) : (
              <Tag>{t('acOpen')}</Tag>
            ),
        },
        { title: t('acEvidence'), dataIndex: 'evidence' },
        {
          title: '',
          render: (_, w) =>
            w.allowedActions.includes('complete') && (
              <Button size="small" onClick={() => onComplete(w)} data-testid={`complete-${w.id}`}>
                {t('acComplete')}
              </Button>
            ),
        },
      ]}
    />
  );
}

export function CompleteWorkModal({
  item,
  onClose,
  onDone,
}: {
  item: WorkItem | null;
  onClose: () => void;
  onDone: () => Promise<unknown>;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ doneOn: Dayjs; evidence: string }>();
  return (
    <FormModal
      open={!!item}
      title={`${t('acComplete')} · ${item?.title ?? ''}`}
      form={form}
      onClose={onClose}
      onSubmit={async (v) => {
        await completeWorkItem(item?.id as string, {
          doneOn: v.doneOn.format('YYYY-MM-DD'),
          evidence: v.evidence,
          version: item?.version as number,
        });
        await onDone();
      }}
    >
      <Form.Item name="doneOn" label={t('acDoneOn')} rules={[{ required: true }]} initialValue={dayjs()}>
        <DatePicker />
      </Form.Item>
      <Form.Item name="evidence" label={t('acEvidence')} rules={[{ required: true }]}>
        <Input.TextArea rows={3} />
      </Form.Item>
    </FormModal>
  );
}

export function OfficialsPage() {
  const { t } = useI18n();
  const { me } = useSession();
  const qc = useQueryClient();
  const q = useQuery({ queryKey: ['accountability', 'officials'], queryFn: fetchOfficials });
  const [open, setOpen] = useState<string | null>(null);
  const d = useQuery({ queryKey: ['accountability', 'official', open], queryFn: () => fetchOfficial(open as string), enabled: !!open });
  const [editing, setEditing] = useState<Official | 'new' | null>(null);
  const [adding, setAdding] = useState(false);
  const [completing, setCompleting] = useState<WorkItem | null>(null);
  const [form] = Form.useForm<OfficialValues>();
  const [workForm] = Form.useForm<{ year: number; title: string; dueOn?: Dayjs }>();
  const refresh = () => qc.invalidateQueries({ queryKey: ['accountability'] });
  return (
    <Card
      title={t('acMenuOfficials')}
      extra={
        may(me, 'accountability.manage') && (
          <Button
            type="primary"
            data-testid="add-official"
            onClick={() => {
              form.resetFields();
              setEditing('new');
            }}
          >
            {t('acAddOfficial')}
          </Button>
        )
      }
    >
      <Table<Official>
        rowKey="id"
        loading={q.isLoading}
        dataSource={q.data?.items ?? []}
        pagination={false}
        onRow={(o) => ({ onClick: () => setOpen(o.id), style: { cursor: 'pointer' } })}
        columns={[
          { title: t('acRegion'), dataIndex: 'regionName' },
          { title: t('acName'), dataIndex: 'name' },
          { title: t('acPosition'), dataIndex: 'position' },
          { title: t('acDepartment'), dataIndex: 'departmentName' },
          { title: t('acActive'), dataIndex: 'active', render: (a: boolean) => (a ? '✓' : '—') },
          { title: t('acWorkProgress'), render: (_, o) => `${o.workDone} / ${o.workTotal}` },
        ]}
      />
      <Drawer open={!!open} onClose={() => setOpen(null)} width={820} title={d.data ? `${d.data.name} · ${d.data.position}` : ''}>
        {d.data && (
          <Space direction="vertical" style={{ width: '100%' }}>
            <Descriptions column={2} size="small" bordered>
              <Descriptions.Item label={t('acRegion')}>{d.data.regionName}</Descriptions.Item>
              <Descriptions.Item label={t('acDepartment')}>{d.data.departmentName ?? '—'}</Descriptions.Item>
            </Descriptions>
            <Card
              size="small"
              title={t('acPersonalDuties')}
              extra={
                d.data.allowedActions.includes('edit') && (
                  <Button
                    size="small"
                    onClick={() => {
                      const o = d.data as Official;
                      form.setFieldsValue({ name: o.name, position: o.position, duties: o.duties.join('\n'), active: o.active });
                      setEditing(o);
                    }}
                  >
                    {t('acEdit')}
                  </Button>
                )
              }
            >
              <List
                size="small"
                dataSource={d.data.duties}
                renderItem={(x) => <List.Item>{x}</List.Item>}
                locale={{ emptyText: t('acEmpty') }}
              />
            </Card>
            <Card
              size="small"
              title={t('acWorkItems')}
              extra={
                d.data.allowedActions.includes('addWork') && (
                  <Button
                    size="small"
                    onClick={() => {
                      workForm.resetFields();
                      setAdding(true);
                    }}
                  >
                    {t('acAddWork')}
                  </Button>
                )
              }
            >
              <WorkItemsTable items={d.data.workItems} onComplete={setCompleting} />
            </Card>
          </Space>
        )}
      </Drawer>
      <FormModal<OfficialValues>
        open={!!editing}
        title={editing === 'new' ? t('acAddOfficial') : t('acEdit')}
        form={form}
        onClose={() => setEditing(null)}
        onSubmit={async (v) => {
          const duties = (v.duties ?? '')
            .split('\n')
            .map((s) => s.trim())
            .filter(Boolean);
          if (editing === 'new') await createOfficial({ name: v.name, position: v.position, duties });
          else if (editing)
            await updateOfficial(editing.id, { name: v.name, position: v.position, duties, active: v.active, version: editing.version });
          await refresh();
        }}
      >
        <Form.Item name="name" label={t('acName')} rules={[{ required: true }]}>
          <Input />
        </Form.Item>
        <Form.Item name="position" label={t('acPosition')} rules={[{ required: true }]}>
          <Input />
        </Form.Item>
        <Form.Item name="duties" label={t('acPersonalDuties')}>
          <Input.TextArea rows={5} />
        </Form.Item>
        {editing !== 'new' && (
          <Form.Item name="active" label={t('acActive')} valuePropName="checked">
            <Switch />
          </Form.Item>
        )}
      </FormModal>
      <FormModal
        open={adding}
        title={t('acAddWork')}
        form={workForm}
        onClose={() => setAdding(false)}
        onSubmit={async (v) => {
          await addWorkItem(open as string, { year: v.year, title: v.title, dueOn: v.dueOn ? v.dueOn.format('YYYY-MM-DD') : null });
          await refresh();
        }}
      >
        <Form.Item name="year" label={t('acYear')} rules={[{ required: true }]} initialValue={dayjs().year()}>
          <InputNumber min={2000} max={2100} />
        </Form.Item>
        <Form.Item name="title" label={t('acTitle')} rules={[{ required: true }]}>
          <Input />
        </Form.Item>
        <Form.Item name="dueOn" label={t('acDueOn')}>
          <DatePicker />
        </Form.Item>
      </FormModal>
      <CompleteWorkModal item={completing} onClose={() => setCompleting(null)} onDone={refresh} />
    </Card>
  );
}

export function WorkItemsPage() {
  const { t } = useI18n();
  const qc = useQueryClient();
  const [due, setDue] = useState<string | undefined>(new URLSearchParams(location.search).get('due') ?? '30');
  const q = useQuery({ queryKey: ['accountability', 'work', due], queryFn: () => fetchWorkItems({ due, pageSize: 200 }) });
  const [completing, setCompleting] = useState<WorkItem | null>(null);
  return (
    <Card
      title={t('acWorkItems')}
      extra={
        <Select
          style={{ width: 220 }}
          value={due ?? ''}
          onChange={(v) => setDue(v || undefined)}
          options={[
            { value: '30', label: t('acDueWithin30') },
            { value: '', label: t('acAll') },
          ]}
        />
      }
    >
      <WorkItemsTable items={q.data?.items ?? []} onComplete={setCompleting} />
      <CompleteWorkModal
        item={completing}
        onClose={() => setCompleting(null)}
        onDone={() => qc.invalidateQueries({ queryKey: ['accountability'] })}
      />
    </Card>
  );
}

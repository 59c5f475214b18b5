// 约谈 / 黄牌警示 / 通报 issued in the jurisdiction, filtered by kind, status or an overdue written
// report; a government drafts a new one about a government one level below.
import { RECORD_KIND_LABELS, RECORD_KINDS, RECORD_STATUS_LABELS, RECORD_STATUSES, type RecordKind } from '@taishan/domain';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, DatePicker, Form, Input, Select, Space, Switch, Table, Tag } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { api, type Region } from '../../api.ts';
import { formatTime, pick, useI18n } from '../../i18n.tsx';
import { may, useSession } from '../../session.tsx';
import { type AccRecord, createRecord, fetchRecords } from './accountability-api.ts';
import { FormModal } from './parts.tsx';

type NewValues = {
  kind: RecordKind;
  targetRegion: string;
  reason: string;
  summoned?: { name: string; position: string }[];
  summonedBy?: string;
  scheduledAt?: Dayjs;
  place?: string;
};

export const STATUS_COLOR: Record<string, string> = {
  draft: 'default',
  issued: 'blue',
  held: 'orange',
  reported: 'cyan',
  closed: 'green',
  cancelled: 'default',
};

export function RecordsPage() {
  const { t, lang } = useI18n();
  const { me } = useSession();
  const nav = useNavigate();
  const qc = useQueryClient();
  const params = new URLSearchParams(location.search);
  const [kind, setKind] = useState<string | undefined>();
  const [status, setStatus] = useState<string | undefined>();
  const [overdue, setOverdue] = useState(params.get('overdue') === 'true');
  const [page, setPage] = useState(1);
  const q = useQuery({
    queryKey: ['accountability', 'records', kind, status, overdue, page],
    queryFn: () => fetchRecords({ kind, status, overdue: overdue ? 'true' : undefined, page, pageSize: 20 }),
  });
  const [adding, setAdding] = useState(false);
  const [form] = Form.useForm<NewValues>();
  const own = (me?.scope.regionPrefix ?? '').padEnd(12, '0');
  const children = useQuery({
    queryKey: ['regions', own],
    queryFn: () => api<{ items: Region[] }>(`/api/v1/regions?parent=${own}`),
    enabled: adding && !!me?.scope.regionPrefix,
  });
  return (
    <Card
      title={t('acMenuRecords')}
      extra={
        may(me, 'accountability.manage') && (
          <Button
            type="primary"
            data-testid="new-record"
            onClick={() => {
              form.resetFields();
              setAdding(true);
            }}
          >
            {t('acNewRecord')}
          </Button>
        )
      }
    >
      <Space style={{ marginBottom: 12 }} wrap>
        <Select
          allowClear
          placeholder={t('acKind')}
          style={{ width: 140 }}
          value={kind}
          onChange={setKind}
          options={RECORD_KINDS.map((k) => ({ value: k, label: pick(lang, RECORD_KIND_LABELS[k]) }))}
        />
        <Select
          allowClear
          placeholder={t('acStatus')}
          style={{ width: 180 }}
          value={status}
          onChange={setStatus}
          options={RECORD_STATUSES.map((s) => ({ value: s, label: pick(lang, RECORD_STATUS_LABELS[s]) }))}
        />
        <span>{t('acReportOverdueOnly')}</span>
        <Switch checked={overdue} onChange={setOverdue} />
      </Space>
      <Table<AccRecord>
        rowKey="id"
        loading={q.isLoading}
        dataSource={q.data?.items ?? []}
        pagination={{ current: page, pageSize: 20, total: q.data?.total ?? 0, onChange: setPage }}
        onRow={(r) => ({ onClick: () => nav(`/accountability/records/${r.id}`), style: { cursor: 'pointer' } })}
        columns={[
          { title: t('acKind'), dataIndex: 'kind', render: (k: RecordKind) => pick(lang, RECORD_KIND_LABELS[k]) },
          { title: t('acNumber'), dataIndex: 'number' },
          { title: t('acTarget'), dataIndex: 'targetName' },
          { title: t('acReason'), dataIndex: 'reason', ellipsis: true },
          {
            title: t('acStatus'),
            render: (_, r) => (
              <Space>
                <Tag color={STATUS_COLOR[r.status]}>{pick(lang, RECORD_STATUS_LABELS[r.status])}</Tag>
                {r.reportOverdue && <Tag color="red">{t('acOverdue')}</Tag>}
                {r.publishedAt && <Tag color="purple">{t('acPublished')}</Tag>}
              </Space>
            ),
          },
          { title: t('acReportDue'), dataIndex: 'reportDueOn' },
          { title: t('acIssuedAt'), dataIndex: 'issuedAt', render: (s: string | null) => (s ? formatTime(s, lang, true) : '—') },
        ]}
      />
      <FormModal<NewValues>
        open={adding}
        title={t('acNewRecord')}
        form={form}
        onClose={() => setAdding(false)}
        onSubmit={async (v) => {
          const r = await createRecord({
            kind: v.kind,
            targetRegion: v.targetRegion,
            reason: v.reason,
            summoned: v.summoned ?? [],
            summonedBy: v.summonedBy || null,
            scheduledAt: v.scheduledAt ? v.scheduledAt.toISOString() : null,
            place: v.place || null,
          });
          await qc.invalidateQueries({ queryKey: ['accountability'] });
          nav(`/accountability/records/${r.id}`);
        }}
      >
        <Form.Item name="kind" label={t('acKind')} rules={[{ required: true }]} initialValue="interview">
          <Select options={RECORD_KINDS.map((k) => ({ value: k, label: pick(lang, RECORD_KIND_LABELS[k]) }))} />
        </Form.Item>
        <Form.Item name="targetRegion" label={t('acTargetRegion')} rules={[{ required: true }]}>
          <Select loading={children.isLoading} options={(children.data?.items ?? []).map((r) => ({ value: r.code, label: r.name }))} />
        </Form.Item>
        <Form.Item name="reason" label={t('acReason')} rules={[{ required: true }]}>
          <Input.TextArea rows={3} />
        </Form.Item>
        <SummonedFields />
        <Form.Item name="summonedBy" label={t('acSummonedBy')}>
          <Input />
        </Form.Item>
        <Space>
          <Form.Item name="scheduledAt" label={t('acScheduledAt')}>
            <DatePicker showTime={{ format: 'HH:mm' }} />
          </Form.Item>
          <Form.Item name="place" label={t('acPlace')}>
            <Input />
          </Form.Item>
        </Space>
      </FormModal>
    </Card>
  );
}

export function SummonedFields() {
  const { t } = useI18n();
  return (
    <Form.List name="summoned">
      {(fields, { add, remove }) => (
        <Form.Item label={t('acSummonedPersons')}>
          {fields.map((f) => (
            <Space key={f.key} align="baseline" style={{ display: 'flex' }}>
              <Form.Item name={[f.name, 'name']} rules={[{ required: true }]}>
                <Input placeholder={t('acName')} />
              </Form.Item>
              <Form.Item name={[f.name, 'position']} rules={[{ required: true }]}>
                <Input placeholder={t('acPosition')} style={{ width: 280 }} />
              </Form.Item>
              <Button type="link" danger onClick={() => remove(f.name)}>
                ×
              </Button>
            </Space>
          ))}
          <Button onClick={() => add({ name: '', position: '' })}>{t('acAddPerson')}</Button>
        </Form.Item>
      )}
    </Form.List>
  );
}

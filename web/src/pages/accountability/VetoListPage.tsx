// 一票否决名单: officials barred from 评先评优 and promotion for an accident, with their period and
// state (in force / ended by date / revoked). The level above records one (official, accident,
// finding, decision day; the period is the setting, 暂定) and may revoke one recorded in error.
import { VETO_STATE_LABELS, type VetoState } from '@taishan/domain';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, DatePicker, Form, Input, Modal, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { ApiError, formErrors } from '../../api.ts';
import { SelectFilter } from '../../components/FilterControls.tsx';
import { useFilters } from '../../components/useFilters.ts';
import { formatTime, pick, useI18n } from '../../i18n.tsx';
import { may, useSession } from '../../session.tsx';
import { fetchVetoes, fetchVetoOptions, recordVeto, revokeVeto, type VetoItem } from './assessment-api.ts';
import { ProvisionalTag } from './assessment-parts.tsx';

const STATE_COLOURS: Record<VetoState, string> = { active: 'red', pending: 'orange', ended: 'default', revoked: 'default' };

export function VetoListPage() {
  const { t, lang } = useI18n();
  const { me } = useSession();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const { params, pagination: pager, query } = useFilters();
  const [form] = Form.useForm();
  const [revokeForm] = Form.useForm();
  const [open, setOpen] = useState(false);
  const [revoking, setRevoking] = useState<VetoItem | null>(null);
  const list = useQuery({ queryKey: ['vetoes', query], queryFn: () => fetchVetoes(query) });
  const canRecord = may(me, 'assessment.veto');
  const options = useQuery({ queryKey: ['veto-options'], queryFn: fetchVetoOptions, enabled: open && canRecord });
  const done = () => {
    message.success(t('saved'));
    qc.invalidateQueries({ queryKey: ['vetoes'] });
  };
  const record = useMutation({
    mutationFn: (v: { officialId: string; accidentId: string; reason: string; decidedOn?: { format: (f: string) => string } }) =>
      recordVeto({
        officialId: v.officialId,
        accidentId: v.accidentId,
        reason: v.reason ?? '',
        decidedOn: v.decidedOn?.format('YYYY-MM-DD'),
      }),
    onSuccess: () => {
      setOpen(false);
      form.resetFields();
      done();
    },
    onError: (e) =>
      e instanceof ApiError && Object.keys(e.fields).length ? form.setFields(formErrors(e, 'top')) : message.error(String(e)),
  });
  const revoke = useMutation({
    mutationFn: (v: { reason: string }) => revokeVeto(revoking?.id ?? '', v.reason ?? ''),
    onSuccess: () => {
      setRevoking(null);
      revokeForm.resetFields();
      done();
    },
    onError: (e) =>
      e instanceof ApiError && Object.keys(e.fields).length ? revokeForm.setFields(formErrors(e, 'top')) : message.error(String(e)),
  });
  const pagination = pager(list.data?.total, Number(params.get('pageSize') ?? 50), (n) => t('total', { n }));

  return (
    <Card
      title={t('asVetoList')}
      extra={
        canRecord && (
          <Button type="primary" onClick={() => setOpen(true)} data-testid="veto-new">
            {t('asRecordVeto')}
          </Button>
        )
      }
    >
      <Alert type="info" showIcon message={t('asVetoConsequence')} style={{ marginBottom: 12 }} />
      <Space wrap style={{ marginBottom: 12 }}>
        <SelectFilter
          param="state"
          label={t('asState')}
          options={(['active', 'ended', 'revoked'] as const).map((s) => ({ value: s, label: pick(lang, VETO_STATE_LABELS[s]) }))}
        />
      </Space>
      <Table<VetoItem>
        rowKey="id"
        size="middle"
        loading={list.isLoading}
        dataSource={list.data?.items ?? []}
        pagination={pagination}
        scroll={{ x: 1100 }}
        data-testid="veto-list"
        columns={[
          { title: t('asOfficial'), dataIndex: 'officialName', width: 110 },
          { title: t('asPosition'), dataIndex: 'officialPosition', width: 140 },
          { title: t('region'), dataIndex: 'regionName', width: 110 },
          {
            title: t('asAccident'),
            key: 'acc',
            width: 260,
            render: (_, v) => (
              <span>
                {v.accidentNumber} {v.accidentUnit}
                {v.accidentOccurredAt && ` · ${formatTime(v.accidentOccurredAt, lang, true)}`}
              </span>
            ),
          },
          { title: t('asVetoReason'), dataIndex: 'reason' },
          { title: t('asPeriod'), key: 'period', width: 200, render: (_, v) => `${v.startsOn} ~ ${v.endsOn}（${v.months}）` },
          {
            title: t('asState'),
            dataIndex: 'state',
            width: 100,
            render: (s: VetoState) => <Tag color={STATE_COLOURS[s]}>{pick(lang, VETO_STATE_LABELS[s])}</Tag>,
          },
          {
            title: t('actions'),
            key: 'act',
            width: 90,
            render: (_, v) =>
              v.allowedActions.includes('revoke') && (
                <Button size="small" danger onClick={() => setRevoking(v)}>
                  {t('asRevoke')}
                </Button>
              ),
          },
        ]}
      />
      <Modal
        open={open}
        title={t('asRecordVeto')}
        onCancel={() => setOpen(false)}
        onOk={() => form.submit()}
        confirmLoading={record.isPending}
        destroyOnHidden
      >
        <Space style={{ marginBottom: 8 }}>
          {t('asMonthsSetting')}
          <ProvisionalTag />
        </Space>
        <Form form={form} layout="vertical" onFinish={(v) => record.mutate(v)}>
          <Form.Item name="officialId" label={t('asOfficial')} rules={[{ required: true }]}>
            <Select
              showSearch
              optionFilterProp="label"
              loading={options.isLoading}
              options={(options.data?.officials ?? []).map((o) => ({ value: o.id, label: `${o.name}（${o.position ?? ''}）` }))}
              data-testid="veto-official"
            />
          </Form.Item>
          <Form.Item name="accidentId" label={t('asAccident')} rules={[{ required: true }]}>
            <Select
              showSearch
              optionFilterProp="label"
              loading={options.isLoading}
              options={(options.data?.accidents ?? []).map((a) => ({
                value: a.id,
                label: `${a.number} ${a.unitName} ${formatTime(a.occurredAt, lang, true)}`,
              }))}
              data-testid="veto-accident"
            />
          </Form.Item>
          <Form.Item name="reason" label={t('asVetoReason')} rules={[{ required: true }]}>
            <Input.TextArea rows={3} />
          </Form.Item>
          <Form.Item name="decidedOn" label={t('asDecidedOn')}>
            <DatePicker />
          </Form.Item>
        </Form>
      </Modal>
      <Modal
        open={revoking !== null}
        title={t('asRevoke')}
        onCancel={() => setRevoking(null)}
        onOk={() => revokeForm.submit()}
        confirmLoading={revoke.isPending}
        destroyOnHidden
      >
        <Form form={revokeForm} layout="vertical" onFinish={(v) => revoke.mutate(v)}>
          <Form.Item name="reason" label={t('asRevokeReason')} rules={[{ required: true }]}>
            <Input.TextArea rows={3} />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}

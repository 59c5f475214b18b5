// 中介机构: the 安全评价、检测检验、认证 agencies of the jurisdiction with their level, and the form
// to register or edit one (with its staff and their qualification numbers).
import { INTERMEDIARY_KIND_LABELS, INTERMEDIARY_KINDS, type Intermediary, type IntermediaryKind } from '@taishan/domain';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Form, Input, Modal, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { ApiError, formErrors } from '../../api.ts';
import { pick, useI18n } from '../../i18n.tsx';
import { fetchIntermediaries, saveIntermediary } from './credit-api.ts';
import { LevelTag } from './parts.tsx';

export function IntermediaryForm({
  open,
  initial,
  onClose,
}: {
  open: boolean;
  initial: Intermediary | null;
  onClose: (saved: boolean) => void;
}) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const save = async () => {
    const v = await form.validateFields();
    try {
      await saveIntermediary({ ...v, staff: v.staff ?? [], ...(initial ? { version: initial.version } : {}) }, initial?.id);
      message.success(t('saved'));
      onClose(true);
    } catch (e) {
      if (e instanceof ApiError) {
        form.setFields(formErrors(e));
        message.error(e.message);
      } else throw e;
    }
  };
  return (
    <Modal
      open={open}
      width={720}
      title={initial ? t('crEditIntermediary') : t('crNewIntermediary')}
      onCancel={() => onClose(false)}
      onOk={save}
      destroyOnHidden
      afterOpenChange={(o) => {
        if (o)
          form.setFieldsValue(
            initial
              ? {
                  name: initial.name,
                  uscc: initial.uscc,
                  kind: initial.kind,
                  regionCode: initial.regionCode,
                  qualificationNumber: initial.qualificationNumber,
                  qualificationValidUntil: initial.qualificationValidUntil ?? undefined,
                  address: initial.address ?? undefined,
                  staff: initial.staff,
                }
              : { staff: [] },
          );
      }}
    >
      <Form form={form} layout="vertical" data-testid="intermediary-form">
        <Form.Item name="name" label={t('crName')} rules={[{ required: true }]}>
          <Input />
        </Form.Item>
        <Space wrap>
          <Form.Item name="uscc" label={t('crUscc')} rules={[{ required: true }]}>
            <Input style={{ width: 220 }} />
          </Form.Item>
          <Form.Item name="kind" label={t('crKind')} rules={[{ required: true }]}>
            <Select
              style={{ width: 180 }}
              options={INTERMEDIARY_KINDS.map((k) => ({ value: k, label: pick(lang, INTERMEDIARY_KIND_LABELS[k]) }))}
            />
          </Form.Item>
          <Form.Item name="regionCode" label={t('crRegion')} rules={[{ required: true }]}>
            <Input style={{ width: 160 }} maxLength={12} />
          </Form.Item>
        </Space>
        <Space wrap>
          <Form.Item name="qualificationNumber" label={t('crQualification')} rules={[{ required: true }]}>
            <Input style={{ width: 220 }} />
          </Form.Item>
          <Form.Item name="qualificationValidUntil" label={t('crQualificationUntil')}>
            <Input type="date" style={{ width: 180 }} />
          </Form.Item>
        </Space>
        <Form.Item name="address" label={t('crAddress')}>
          <Input />
        </Form.Item>
        <Form.List name="staff">
          {(fields, { add, remove }) => (
            <Space direction="vertical" style={{ width: '100%' }}>
              {fields.map((f) => (
                <Space key={f.key} align="baseline" wrap>
                  <Form.Item name={[f.name, 'name']} label={t('crStaffName')} rules={[{ required: true }]}>
                    <Input style={{ width: 140 }} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'qualificationNumber']} label={t('crStaffNumber')} rules={[{ required: true }]}>
                    <Input style={{ width: 240 }} />
                  </Form.Item>
                  <Button onClick={() => remove(f.name)}>{t('delete')}</Button>
                </Space>
              ))}
              <Button onClick={() => add({ name: '', qualificationNumber: '' })}>{t('crAddStaff')}</Button>
            </Space>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}

export function IntermediariesPage() {
  const { t, lang } = useI18n();
  const qc = useQueryClient();
  const [params, setParams] = useSearchParams();
  const [open, setOpen] = useState(false);
  const query = {
    q: params.get('q') ?? undefined,
    kind: params.get('kind') ?? undefined,
    page: Number(params.get('page') ?? 1),
    pageSize: 50,
  };
  const q = useQuery({ queryKey: ['credit-intermediaries', query], queryFn: () => fetchIntermediaries(query) });
  const set = (k: string, v: string | undefined) => {
    const next = new URLSearchParams(params);
    if (v) next.set(k, v);
    else next.delete(k);
    next.delete('page');
    setParams(next);
  };
  return (
    <Card
      title={t('crIntermediaries')}
      extra={
        q.data?.allowedActions.includes('create') && (
          <Button type="primary" onClick={() => setOpen(true)} data-testid="intermediary-new">
            {t('crNewIntermediary')}
          </Button>
        )
      }
    >
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search
          allowClear
          placeholder={t('crSearch')}
          defaultValue={query.q}
          onSearch={(v) => set('q', v || undefined)}
          style={{ width: 240 }}
        />
        <Select<IntermediaryKind>
          allowClear
          placeholder={t('crKind')}
          value={query.kind as IntermediaryKind | undefined}
          onChange={(v) => set('kind', v)}
          style={{ width: 180 }}
          options={INTERMEDIARY_KINDS.map((k) => ({ value: k, label: pick(lang, INTERMEDIARY_KIND_LABELS[k]) }))}
        />
      </Space>
      <Table<Intermediary>
        rowKey="id"
        size="small"
        loading={q.isLoading}
        dataSource={q.data?.items ?? []}
        data-testid="intermediaries"
        pagination={{ current: query.page, pageSize: 50, total: q.data?.total ?? 0, showSizeChanger: false }}
        columns={[
          {
            title: t('crName'),
            dataIndex: 'name',
            render: (v, r) => (
              <Space size={4}>
                <Link to={`/credit/intermediaries/${r.id}`}>{v}</Link>
                {r.listed && <Tag color="magenta">{t('crListedTag')}</Tag>}
              </Space>
            ),
          },
          { title: t('crKind'), dataIndex: 'kind', width: 140, render: (v: IntermediaryKind) => pick(lang, INTERMEDIARY_KIND_LABELS[v]) },
          { title: t('crUscc'), dataIndex: 'uscc', width: 200 },
          { title: t('crQualification'), dataIndex: 'qualificationNumber', width: 180 },
          { title: t('crStaff'), dataIndex: 'staff', width: 80, render: (v: unknown[]) => v.length },
          { title: t('crLevel'), dataIndex: 'level', width: 160, render: (v) => <LevelTag level={v} /> },
        ]}
      />
      <IntermediaryForm
        open={open}
        initial={null}
        onClose={async (saved) => {
          setOpen(false);
          if (saved) await qc.invalidateQueries({ queryKey: ['credit-intermediaries'] });
        }}
      />
    </Card>
  );
}

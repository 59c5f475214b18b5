// 双随机抽查: the draws of the jurisdiction (committed, drawn, cancelled) with a form to commit a
// new one, and the officers' registry the inspector list is drawn from (certificates, validity,
// conflicts of interest). Buttons follow the allowedActions the server sends.
import { DRAW_CLASSES, DRAW_STATUS_LABELS, DRAW_STATUSES, type DrawStatus, ROLE_LABELS, type Role, regionPrefix } from '@taishan/domain';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Modal,
  Segmented,
  Select,
  Space,
  Table,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { ApiError, formErrors } from '../../api.ts';
import { RegionCascader } from '../../components/RegionCascader.tsx';
import { useEnterprisePicker } from '../../components/useEnterprisePicker.ts';
import { useFilters } from '../../components/useFilters.ts';
import { formatTime, pick, useI18n } from '../../i18n.tsx';
import {
  addOfficer,
  createDraw,
  type DrawSummary,
  fetchDraws,
  fetchOfficerCandidates,
  fetchOfficerRegistry,
  type Officer,
  patchOfficer,
  recordConflict,
} from './draws-api.ts';

const STATUS_COLOURS: Record<DrawStatus, string> = { committed: 'blue', drawn: 'green', cancelled: 'default' };

export function DrawStatusTag({ status }: { status: DrawStatus }) {
  const { lang } = useI18n();
  return <Tag color={STATUS_COLOURS[status]}>{pick(lang, DRAW_STATUS_LABELS[status])}</Tag>;
}

export function DrawsPage() {
  const { t, params, set } = { ...useI18n(), ...useFilters() };
  const tab = params.get('tab') ?? 'draws';
  return (
    <Card title={t('enfMenuDraws')}>
      <Typography.Paragraph type="secondary">{t('drawIntro')}</Typography.Paragraph>
      <Tabs
        activeKey={tab}
        onChange={(k) => set('tab', k === 'draws' ? undefined : k)}
        items={[
          { key: 'draws', label: t('drawTabDraws'), children: <DrawList /> },
          { key: 'officers', label: t('drawTabOfficers'), children: <OfficerRegistry /> },
        ]}
      />
    </Card>
  );
}

function DrawList() {
  const { t, lang } = useI18n();
  const nav = useNavigate();
  const { params, set, pagination: pager } = useFilters();
  const status = params.get('status') ?? 'all';
  const qs = new URLSearchParams();
  if (status !== 'all') qs.set('status', status);
  if (params.get('page')) qs.set('page', params.get('page') as string);
  const list = useQuery({ queryKey: ['enf-draws', qs.toString()], queryFn: () => fetchDraws(qs.toString()) });
  const [open, setOpen] = useState(false);
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Segmented
          value={status}
          onChange={(v) => set('status', v === 'all' ? undefined : String(v))}
          options={[
            { value: 'all', label: t('all') },
            ...DRAW_STATUSES.map((s) => ({ value: s, label: pick(lang, DRAW_STATUS_LABELS[s]) })),
          ]}
        />
        {list.data?.allowedActions.includes('create') && (
          <Button type="primary" onClick={() => setOpen(true)} data-testid="draw-new">
            {t('drawNew')}
          </Button>
        )}
      </Space>
      <Table<DrawSummary>
        rowKey="id"
        size="small"
        loading={list.isLoading}
        dataSource={list.data?.items}
        locale={{ emptyText: t('drawNone') }}
        pagination={pager(list.data?.total, 20, (n) => t('total', { n }))}
        onRow={(r) => ({ onClick: () => nav(`/enforcement/draws/${r.id}`), style: { cursor: 'pointer' } })}
        scroll={{ x: 900 }}
        columns={[
          { title: t('drawTitle'), dataIndex: 'title' },
          { title: t('drawOrgan'), dataIndex: 'organ', width: 160 },
          { title: t('drawStatus'), dataIndex: 'status', width: 150, render: (s: DrawStatus) => <DrawStatusTag status={s} /> },
          { title: t('drawN'), width: 110, render: (_, r) => `${r.n} / ${r.objectsCount}` },
          { title: t('drawAt'), dataIndex: 'drawAt', width: 150, render: (v: string) => formatTime(v, lang) },
          {
            title: t('drawCommitment'),
            dataIndex: 'commitment',
            width: 140,
            render: (v: string) => <Typography.Text code>{v.slice(0, 12)}…</Typography.Text>,
          },
        ]}
      />
      {open && <DrawForm onClose={() => setOpen(false)} />}
    </Space>
  );
}

type DrawFormValues = {
  title: string;
  n: number;
  drawAt: Dayjs;
  publicValueSource: string;
  classes?: string[];
  industries?: string[];
  region?: string;
  weights?: Partial<Record<(typeof DRAW_CLASSES)[number], number | null>>;
  allowOtherRegions?: boolean;
  plannedOn?: Dayjs;
};

function DrawForm({ onClose }: { onClose: () => void }) {
  const { t } = useI18n();
  const nav = useNavigate();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<DrawFormValues>();
  const [saving, setSaving] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  const submit = async () => {
    const v = await form.validateFields();
    const weights = DRAW_CLASSES.map((c) => v.weights?.[c] ?? null);
    if (weights.some((w) => w !== null) && weights.some((w) => w === null)) {
      form.setFields([{ name: ['weights', 'A'], errors: [t('drawWeightsIncomplete')] }]);
      return;
    }
    setSaving(true);
    try {
      const made = await createDraw({
        title: v.title,
        n: v.n,
        drawAt: v.drawAt.toISOString(),
        publicValueSource: v.publicValueSource,
        filters: {
          ...(v.classes?.length ? { classes: v.classes as (typeof DRAW_CLASSES)[number][] } : {}),
          ...(v.industries?.length ? { industries: v.industries.map((s) => s.trim().toUpperCase()) } : {}),
          ...(v.region ? { regionPrefix: regionPrefix(v.region) } : {}),
        },
        ...(weights[0] !== null
          ? { classWeights: Object.fromEntries(DRAW_CLASSES.map((c, i) => [c, weights[i]])) as Record<string, number> }
          : {}),
        allowOtherRegions: !!v.allowOtherRegions,
        ...(v.plannedOn ? { plannedOn: v.plannedOn.format('YYYY-MM-DD') } : {}),
      } as Parameters<typeof createDraw>[0]);
      message.success(t('saved'));
      await qc.invalidateQueries({ queryKey: ['enf-draws'] });
      onClose();
      nav(`/enforcement/draws/${made.id}`);
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      const known = ['title', 'n', 'drawAt', 'publicValueSource', 'plannedOn', 'filters', 'classWeights'];
      const fields = formErrors(e);
      form.setFields(
        fields
          .filter((f) => known.includes(String(f.name[0])))
          .map((f) => {
            const head = String(f.name[0]);
            if (head === 'filters')
              return { ...f, name: f.name[1] === 'regionPrefix' ? ['region'] : f.name[1] === 'industries' ? ['industries'] : ['classes'] };
            if (head === 'classWeights') return { ...f, name: ['weights', f.name[1] ?? 'A'] };
            return f;
          }) as never,
      );
      setProblem(
        fields
          .filter((f) => !known.includes(String(f.name[0])))
          .flatMap((f) => f.errors)
          .join('；') || null,
      );
      message.error(Object.values(e.fields)[0] ?? e.message);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      title={t('drawNew')}
      onOk={submit}
      onCancel={onClose}
      okText={t('save')}
      confirmLoading={saving}
      width={640}
      destroyOnHidden
    >
      {problem && <Alert type="error" message={problem} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" initialValues={{ n: 10, drawAt: dayjs().add(1, 'day').hour(15).minute(30).second(0) }}>
        <Form.Item name="title" label={t('drawTitle')} rules={[{ required: true, message: t('drawTitleRequired') }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Space wrap>
          <Form.Item name="n" label={t('drawN')} rules={[{ required: true, message: t('drawNRequired') }]}>
            <InputNumber min={1} max={10000} precision={0} />
          </Form.Item>
          <Form.Item name="drawAt" label={t('drawAt')} help={t('drawAtHelp')} rules={[{ required: true, message: t('drawAtRequired') }]}>
            <DatePicker showTime format="YYYY-MM-DD HH:mm" />
          </Form.Item>
        </Space>
        <Form.Item
          name="publicValueSource"
          label={t('drawSource')}
          extra={t('drawSourceHelp')}
          rules={[{ required: true, message: t('drawSourceRequired') }]}
        >
          <Input maxLength={200} placeholder={t('drawSourcePlaceholder')} />
        </Form.Item>
        <Form.Item name="classes" label={t('drawClasses')} extra={t('drawClassesAll')}>
          <Checkbox.Group options={DRAW_CLASSES.map((c) => ({ value: c, label: c }))} />
        </Form.Item>
        <Form.Item name="industries" label={t('drawIndustries')} extra={t('drawIndustriesHelp')}>
          <Select mode="tags" tokenSeparators={[',', ' ', '，']} open={false} />
        </Form.Item>
        <Form.Item name="region" label={t('drawRegion')} extra={t('drawRegionHelp')}>
          <RegionCascader changeOnSelect />
        </Form.Item>
        <Form.Item label={t('drawWeights')} extra={t('drawWeightsHelp')}>
          <Space wrap>
            {DRAW_CLASSES.map((c) => (
              <Form.Item key={c} name={['weights', c]} noStyle>
                <InputNumber min={1} max={100} precision={0} addonBefore={c} style={{ width: 110 }} />
              </Form.Item>
            ))}
          </Space>
        </Form.Item>
        <Form.Item name="allowOtherRegions" valuePropName="checked">
          <Checkbox>{t('drawOtherRegions')}</Checkbox>
        </Form.Item>
        <Form.Item name="plannedOn" label={t('drawPlannedOn')} extra={t('drawPlannedOnHelp')}>
          <DatePicker />
        </Form.Item>
      </Form>
    </Modal>
  );
}

type OfficerDialog = { kind: 'add' } | { kind: 'conflict'; officer: Officer } | null;

function OfficerRegistry() {
  const { t, lang } = useI18n();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [dialog, setDialog] = useState<OfficerDialog>(null);
  const [form] = Form.useForm();
  const list = useQuery({ queryKey: ['enf-officer-registry'], queryFn: fetchOfficerRegistry });
  const candidates = useQuery({ queryKey: ['enf-officer-candidates'], queryFn: fetchOfficerCandidates, enabled: dialog?.kind === 'add' });
  const picker = useEnterprisePicker(dialog?.kind === 'conflict');
  const refresh = () => qc.invalidateQueries({ queryKey: ['enf-officer-registry'] });

  const fail = (e: unknown) => {
    if (!(e instanceof ApiError)) throw e;
    form.setFields(formErrors(e));
    message.error(e.message);
  };
  const toggle = async (o: Officer) => {
    try {
      await patchOfficer(o.userId, { active: !o.active });
      message.success(t('saved'));
      await refresh();
    } catch (e) {
      fail(e);
    }
  };
  const save = async () => {
    const v = await form.validateFields();
    try {
      if (dialog?.kind === 'add')
        await addOfficer({
          userId: v.userId,
          certificateNo: v.certificateNo,
          validUntil: v.validUntil ? (v.validUntil as Dayjs).format('YYYY-MM-DD') : null,
        });
      else if (dialog?.kind === 'conflict') await recordConflict(dialog.officer.userId, { enterpriseId: v.enterpriseId, reason: v.reason });
      setDialog(null);
      message.success(t('saved'));
      await Promise.all([refresh(), qc.invalidateQueries({ queryKey: ['enf-officer-candidates'] })]);
    } catch (e) {
      fail(e);
    }
  };
  const openDialog = (d: OfficerDialog) => {
    form.resetFields();
    setDialog(d);
  };

  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {list.isError && <Alert type="error" message={(list.error as Error).message} />}
      {list.data?.allowedActions.includes('add') && (
        <Button type="primary" onClick={() => openDialog({ kind: 'add' })}>
          {t('drawOfficerAdd')}
        </Button>
      )}
      <Table<Officer>
        rowKey="userId"
        size="small"
        loading={list.isLoading}
        dataSource={list.data?.items}
        locale={{ emptyText: t('drawNoOfficers') }}
        pagination={false}
        scroll={{ x: 1260 }}
        columns={[
          { title: t('drawOfficerName'), dataIndex: 'name', width: 120 },
          {
            title: t('drawOfficerRole'),
            dataIndex: 'role',
            width: 150,
            render: (r: string) => pick(lang, ROLE_LABELS[r as Role] ?? { zh: r, en: r }),
          },
          { title: t('drawOfficerDepartment'), dataIndex: 'departmentName', width: 160 },
          { title: t('drawCertificate'), dataIndex: 'certificateNo', width: 150 },
          { title: t('drawValidUntil'), dataIndex: 'validUntil', width: 110 },
          {
            title: t('drawStatus'),
            width: 130,
            render: (_, o) => (o.valid ? <Tag color="green">{t('drawValid')}</Tag> : <Tag>{t('drawInvalid')}</Tag>),
          },
          {
            title: t('drawConflictList'),
            width: 280,
            render: (_, o) =>
              o.conflicts.map((c) => (
                <div key={c.id}>
                  {c.enterpriseName}：{c.reason}
                </div>
              )),
          },
          {
            title: t('actions'),
            width: 170,
            render: (_, o) => (
              <Space wrap>
                {(o.allowedActions.includes('deactivate') || o.allowedActions.includes('activate')) && (
                  <Button size="small" onClick={() => toggle(o)}>
                    {o.active ? t('drawDeactivate') : t('drawActivate')}
                  </Button>
                )}
                {o.allowedActions.includes('recordConflict') && (
                  <Button size="small" onClick={() => openDialog({ kind: 'conflict', officer: o })}>
                    {t('drawRecordConflict')}
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
      <Modal
        open={!!dialog}
        title={dialog?.kind === 'conflict' ? `${t('drawRecordConflict')} · ${dialog.officer.name}` : t('drawOfficerAdd')}
        onOk={save}
        onCancel={() => setDialog(null)}
        okText={t('save')}
        destroyOnHidden
      >
        <Form form={form} layout="vertical">
          {dialog?.kind === 'add' ? (
            <>
              <Form.Item name="userId" label={t('drawOfficerUser')} rules={[{ required: true, message: t('drawOfficerUserRequired') }]}>
                <Select
                  showSearch
                  optionFilterProp="label"
                  loading={candidates.isLoading}
                  options={(candidates.data?.items ?? []).map((u) => ({
                    value: u.id,
                    label: `${u.name}（${u.username}，${pick(lang, ROLE_LABELS[u.role as Role] ?? { zh: u.role, en: u.role })}）`,
                  }))}
                />
              </Form.Item>
              <Form.Item
                name="certificateNo"
                label={t('drawCertificate')}
                rules={[{ required: true, message: t('drawCertificateRequired') }]}
              >
                <Input maxLength={50} />
              </Form.Item>
              <Form.Item name="validUntil" label={t('drawValidUntil')}>
                <DatePicker />
              </Form.Item>
            </>
          ) : (
            <>
              <Form.Item
                name="enterpriseId"
                label={t('drawConflictEnterprise')}
                rules={[{ required: true, message: t('drawConflictEnterpriseRequired') }]}
              >
                <Select showSearch filterOption={false} onSearch={picker.onSearch} options={picker.options} />
              </Form.Item>
              <Form.Item
                name="reason"
                label={t('drawConflictReason')}
                rules={[{ required: true, message: t('drawConflictReasonRequired') }]}
              >
                <Input.TextArea maxLength={500} />
              </Form.Item>
            </>
          )}
        </Form>
      </Modal>
    </Space>
  );
}

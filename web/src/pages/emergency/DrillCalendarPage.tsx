// The drill calendar (应急演练日历): a month of planned and held drills of the scope (an enterprise:
// its own), each a link to its page; on a phone the month as a list of cards. A unit records a drill
// here (an enterprise its own, a government user its region's), and may take it straight on site.
import { PlusOutlined } from '@ant-design/icons';
import {
  DRILL_CONTENT_TYPE_LABELS,
  DRILL_CONTENT_TYPES,
  DRILL_FORM_LABELS,
  DRILL_FORMS,
  DRILL_PLAN_TYPE_LABELS,
  DRILL_STATUS_LABELS,
  DRILL_STATUSES,
  type DrillStatus,
} from '@taishan/domain';
import { useQuery } from '@tanstack/react-query';
import { App, Button, Calendar, Card, DatePicker, Form, Input, Modal, Select, Space, Table, Tag } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { ApiError, formErrors } from '../../api.ts';
import { MobileCards, usePhone } from '../../components/MobileCards.tsx';
import { pick, useI18n } from '../../i18n.tsx';
import { may, useSession } from '../../session.tsx';
import { createDrill, type DrillItem, fetchDrills, fetchPlanOptions } from './drills-api.ts';

export const DRILL_STATUS_COLORS: Record<DrillStatus, string> = {
  planned: 'blue',
  done: 'cyan',
  reported: 'gold',
  checkedQualified: 'green',
  checkedUnqualified: 'red',
  corrected: 'lime',
  cancelled: 'default',
};

export function DrillStatusTag({ status }: { status: DrillStatus }) {
  const { lang } = useI18n();
  return (
    <Tag color={DRILL_STATUS_COLORS[status]} data-testid="drill-status">
      {pick(lang, DRILL_STATUS_LABELS[status])}
    </Tag>
  );
}

const dayOf = (d: DrillItem) => d.heldOn ?? d.plannedOn;

function NewDrillDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t, lang } = useI18n();
  const { me } = useSession();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const [busy, setBusy] = useState(false);
  const enterpriseId = me?.scope.enterpriseId ?? null;
  const plans = useQuery({ queryKey: ['drill-plan-options'], queryFn: fetchPlanOptions, enabled: open });
  const options = (plans.data?.items ?? []).filter((p) => (enterpriseId ? true : p.ownerKind === 'government'));
  const submit = async () => {
    const v = await form.validateFields();
    setBusy(true);
    try {
      const body = {
        ...v,
        plannedOn: (v.plannedOn as Dayjs).format('YYYY-MM-DD'),
        ...(enterpriseId
          ? { ownerKind: 'enterprise', enterpriseId }
          : { ownerKind: 'government', regionCode: (me?.scope.regionPrefix ?? '').padEnd(12, '0') }),
      };
      const d = await createDrill(body);
      message.success(t('saved'));
      onClose();
      navigate(`/emergency/drills/${d.id}`);
    } catch (err) {
      if (err instanceof ApiError) {
        form.setFields(formErrors(err, 'top'));
        if (!Object.keys(err.fields).length) message.error(err.message);
      } else throw err;
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open={open} title={t('emDrNew')} onCancel={onClose} onOk={submit} confirmLoading={busy} destroyOnHidden>
      <Form
        form={form}
        layout="vertical"
        initialValues={{ contentType: 'single', form: 'live', plannedOn: dayjs() }}
        data-testid="drill-new-form"
      >
        {!enterpriseId && <Tag color="purple">{t('emDrOwnerGov')}</Tag>}
        <Form.Item name="title" label={t('emDrTitle')} rules={[{ required: true, message: t('emDrTitle') }]}>
          <Input maxLength={200} data-testid="drill-field-title" />
        </Form.Item>
        <Space wrap>
          <Form.Item name="contentType" label={t('emDrContentType')}>
            <Select
              style={{ width: 140 }}
              options={DRILL_CONTENT_TYPES.map((k) => ({ value: k, label: pick(lang, DRILL_CONTENT_TYPE_LABELS[k]) }))}
            />
          </Form.Item>
          <Form.Item name="form" label={t('emDrForm')}>
            <Select style={{ width: 140 }} options={DRILL_FORMS.map((k) => ({ value: k, label: pick(lang, DRILL_FORM_LABELS[k]) }))} />
          </Form.Item>
          <Form.Item name="plannedOn" label={t('emDrPlannedOn')} rules={[{ required: true, message: t('emDrPlannedOn') }]}>
            <DatePicker data-testid="drill-field-plannedOn" />
          </Form.Item>
        </Space>
        <Form.Item name="planId" label={t('emDrPlan')}>
          <Select
            allowClear
            placeholder={t('emDrPlanNone')}
            loading={plans.isLoading}
            options={options.map((p) => ({ value: p.id, label: `${p.title}（${pick(lang, DRILL_PLAN_TYPE_LABELS[p.planType])}）` }))}
            data-testid="drill-field-planId"
          />
        </Form.Item>
        <Form.Item name="externalPlanName" label={t('emDrExternalPlan')}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="place" label={t('emDrPlace')}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="scenario" label={t('emDrScenario')}>
          <Input.TextArea rows={3} maxLength={4000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function DrillCalendarPage() {
  const { t, lang } = useI18n();
  const { me } = useSession();
  const phone = usePhone();
  const [month, setMonth] = useState<Dayjs>(dayjs());
  const [creating, setCreating] = useState(false);
  const [params, setParams] = useSearchParams();
  const key = month.format('YYYY-MM');
  const q = useQuery({ queryKey: ['drills', 'month', key], queryFn: () => fetchDrills(`month=${key}&pageSize=500`) });
  const byDay = new Map<string, DrillItem[]>();
  for (const d of q.data?.items ?? []) byDay.set(dayOf(d), [...(byDay.get(dayOf(d)) ?? []), d]);
  // The 工作台's links (status, month, notEvaluated) and the status filter choose the list below the calendar.
  const status = params.get('status') ?? '';
  const filtered = !!status || params.has('notEvaluated');
  const listQuery = new URLSearchParams(params);
  if (!listQuery.has('month') && !filtered) listQuery.set('month', key);
  listQuery.set('pageSize', '500');
  const list = useQuery({ queryKey: ['drills', 'list', listQuery.toString()], queryFn: () => fetchDrills(listQuery.toString()) });
  const items = list.data?.items ?? [];
  const setStatus = (v: string) => {
    const next = new URLSearchParams(params);
    if (v) next.set('status', v);
    else next.delete('status');
    next.delete('notEvaluated');
    setParams(next);
  };

  const cell = (date: Dayjs) => (
    <Space direction="vertical" size={2} style={{ width: '100%' }}>
      {(byDay.get(date.format('YYYY-MM-DD')) ?? []).map((d) => (
        <Link key={d.id} to={`/emergency/drills/${d.id}`} data-testid="drill-cell">
          <Tag color={DRILL_STATUS_COLORS[d.status]} style={{ whiteSpace: 'normal', margin: 0 }}>
            {d.title}
          </Tag>
        </Link>
      ))}
    </Space>
  );

  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle" data-testid="drill-calendar-page">
      <Card
        title={t('emDrCalendar')}
        extra={
          <Space wrap>
            <DatePicker picker="month" value={month} onChange={(v) => v && setMonth(v)} allowClear={false} />
            {may(me, 'drills.record') && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="drill-new">
                {t('emDrNew')}
              </Button>
            )}
          </Space>
        }
      >
        {!phone && (
          <Calendar
            value={month}
            onPanelChange={(v) => setMonth(v)}
            onSelect={(v, info) => info.source !== 'date' && setMonth(v)}
            cellRender={(date, info) => (info.type === 'date' ? cell(date) : null)}
            headerRender={() => null}
          />
        )}
      </Card>
      <Card
        title={`${t('emDrMonthList')} · ${filtered ? (params.get('month') ?? '') : key}`}
        extra={
          <Select
            style={{ width: 200 }}
            value={params.has('notEvaluated') ? 'notEvaluated' : status}
            onChange={(v) => (v === 'notEvaluated' ? setParams({ notEvaluated: 'true' }) : setStatus(v))}
            data-testid="drill-status-filter"
            options={[
              { value: '', label: t('emDrAllStatuses') },
              { value: 'notEvaluated', label: t('emDrWorkNotEvaluated') },
              ...DRILL_STATUSES.map((k) => ({ value: k, label: pick(lang, DRILL_STATUS_LABELS[k]) })),
            ]}
          />
        }
      >
        {phone ? (
          <MobileCards
            items={items}
            loading={list.isLoading}
            rowKey={(d) => d.id}
            testId="drill-cards"
            card={(d) => ({
              title: d.title,
              link: `/emergency/drills/${d.id}`,
              subtitle: d.unitName,
              tags: <DrillStatusTag status={d.status} />,
              facts: [
                { label: d.heldOn ? t('emDrHeldOn') : t('emDrPlannedOn'), value: dayOf(d) },
                { label: t('emDrPlace'), value: d.place ?? '—' },
              ],
            })}
          />
        ) : (
          <Table<DrillItem>
            rowKey="id"
            size="small"
            loading={list.isLoading}
            dataSource={items}
            pagination={false}
            data-testid="drill-table"
            columns={[
              { title: t('emDrHeldOn'), render: (_, d) => dayOf(d), width: 110 },
              { title: t('emDrTitle'), render: (_, d) => <Link to={`/emergency/drills/${d.id}`}>{d.title}</Link> },
              { title: t('emDrUnit'), dataIndex: 'unitName' },
              {
                title: t('emDrContentType'),
                render: (_, d) => `${pick(lang, DRILL_CONTENT_TYPE_LABELS[d.contentType])} · ${pick(lang, DRILL_FORM_LABELS[d.form])}`,
              },
              { title: t('emDrStatus'), render: (_, d) => <DrillStatusTag status={d.status} /> },
            ]}
          />
        )}
      </Card>
      <NewDrillDialog open={creating} onClose={() => setCreating(false)} />
    </Space>
  );
}

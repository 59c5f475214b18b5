// 执法检查: the enforcement inspections in the user's jurisdiction — planned (from the plan, a
// draw, a campaign, a report), on site, awaiting the 复查, closed — and a form to plan one from a
// report, a referral, a campaign or ad hoc with two certified officers. Cards on a phone.
import {
  type Checklist,
  ENF_INSPECTION_STATUS_LABELS,
  ENF_INSPECTION_STATUSES,
  INSPECTION_SOURCE_LABELS,
  INSPECTION_SOURCES,
  MANUAL_INSPECTION_SOURCES,
} from '@taishan/domain';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Checkbox, DatePicker, Form, Input, Modal, Select, Space, Table, Tag } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import { ApiError, api, formErrors } from '../../api.ts';
import { ActiveFilters } from '../../components/ActiveFilters.tsx';
import { EnterpriseFilter, SelectFilter } from '../../components/FilterControls.tsx';
import { MobileCards, usePhone } from '../../components/MobileCards.tsx';
import { useEnterprisePicker } from '../../components/useEnterprisePicker.ts';
import { useFilters } from '../../components/useFilters.ts';
import { pick, useI18n } from '../../i18n.tsx';
import { may, useSession } from '../../session.tsx';
import { createInspection, type EnfInspection, fetchInspections, fetchOfficers } from './inspections-api.ts';

const STATUS_COLOURS: Record<EnfInspection['status'], string> = {
  planned: 'blue',
  inProgress: 'orange',
  recorded: 'gold',
  closed: 'green',
  cancelled: 'default',
};

export function InspectionStatusTags({ r }: { r: EnfInspection }) {
  const { t, lang } = useI18n();
  return (
    <>
      <Tag color={STATUS_COLOURS[r.status]}>{pick(lang, ENF_INSPECTION_STATUS_LABELS[r.status])}</Tag>
      {r.unannounced && <Tag color="purple">{t('inspUnannounced')}</Tag>}
      {r.covert && <Tag color="magenta">{t('inspCovert')}</Tag>}
    </>
  );
}

/** What a page passes (as navigation state) to open the new-inspection form filled in. */
export type NewInspectionRequest = {
  enterpriseId: string;
  enterpriseName: string;
  source: 'referral' | 'report' | 'adhoc';
  accidentId?: string;
  note?: string;
};

export function EnforcementInspectionsPage() {
  const { t, lang } = useI18n();
  const { me } = useSession();
  const nav = useNavigate();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const phone = usePhone();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm();
  // Another page may ask for a new inspection (an accident's 事故后检查): the form opens filled in.
  const asked = (useLocation().state as { newInspection?: NewInspectionRequest } | null)?.newInspection;
  useEffect(() => {
    if (!asked) return;
    setOpen(true);
    form.setFieldsValue({ enterpriseId: asked.enterpriseId, source: asked.source, accidentId: asked.accidentId, note: asked.note });
  }, [asked, form]);
  const enterpriseId = Form.useWatch('enterpriseId', form) as string | undefined;
  const { query: qs, pagination: pager } = useFilters();
  const list = useQuery({ queryKey: ['enf-inspections', qs], queryFn: () => fetchInspections(qs) });
  const officers = useQuery({
    queryKey: ['enf-officers', enterpriseId ?? null],
    queryFn: () => fetchOfficers(enterpriseId),
    enabled: open,
  });
  const checklists = useQuery({
    queryKey: ['checklists'],
    queryFn: () => api<{ items: Checklist[] }>('/api/v1/checklists'),
    enabled: open,
  });
  const picker = useEnterprisePicker(open);
  const canAct = may(me, 'enforcement.act') && me?.role !== 'platformAdmin';
  const pagination = pager(list.data?.total, 20, (n) => t('total', { n }));

  const submit = async () => {
    const v = await form.validateFields();
    try {
      const made = await createInspection({
        ...v,
        plannedOn: (v.plannedOn as dayjs.Dayjs).format('YYYY-MM-DD'),
        note: v.note || undefined,
        accidentId: v.accidentId || undefined,
      });
      message.success(t('saved'));
      setOpen(false);
      await qc.invalidateQueries({ queryKey: ['enf-inspections'] });
      nav(`/enforcement/inspections/${made.id}`);
    } catch (e) {
      if (e instanceof ApiError) {
        form.setFields(formErrors(e));
        message.error(e.message);
      } else throw e;
    }
  };

  return (
    <Card
      title={t('inspTitle')}
      extra={
        canAct && (
          <Button type="primary" onClick={() => setOpen(true)} data-testid="enf-new-inspection">
            {t('inspNew')}
          </Button>
        )
      }
    >
      <Space wrap style={{ marginBottom: 12 }}>
        {!me?.scope.enterpriseId && <EnterpriseFilter />}
        <SelectFilter
          param="status"
          label={t('inspStatus')}
          options={ENF_INSPECTION_STATUSES.map((s) => ({ value: s, label: pick(lang, ENF_INSPECTION_STATUS_LABELS[s]) }))}
        />
        <SelectFilter
          param="source"
          label={t('inspSource')}
          options={INSPECTION_SOURCES.map((s) => ({ value: s, label: pick(lang, INSPECTION_SOURCE_LABELS[s]) }))}
        />
        {canAct && <SelectFilter param="mine" label={t('inspMine')} options={[{ value: '1', label: t('inspMine') }]} />}
      </Space>
      <ActiveFilters
        describe={(k, v) =>
          k === 'status' && v in ENF_INSPECTION_STATUS_LABELS
            ? pick(lang, ENF_INSPECTION_STATUS_LABELS[v as EnfInspection['status']])
            : k === 'source' && v in INSPECTION_SOURCE_LABELS
              ? pick(lang, INSPECTION_SOURCE_LABELS[v as EnfInspection['source']])
              : k === 'mine'
                ? t('inspMine')
                : null
        }
      />
      {phone ? (
        <MobileCards<EnfInspection>
          items={list.data?.items}
          loading={list.isLoading}
          rowKey={(r) => r.id}
          testId="enf-inspection-cards"
          pagination={pagination}
          card={(r) => ({
            title: r.enterpriseName,
            link: `/enforcement/inspections/${r.id}`,
            tags: <InspectionStatusTags r={r} />,
            facts: [
              { label: t('inspPlannedOn'), value: r.plannedOn ?? '—' },
              { label: t('inspSource'), value: pick(lang, INSPECTION_SOURCE_LABELS[r.source]) },
              { label: t('inspOfficers'), value: r.officers.map((o) => o.name).join('、') },
            ],
          })}
        />
      ) : (
        <Table<EnfInspection>
          rowKey="id"
          loading={list.isLoading}
          dataSource={list.data?.items}
          pagination={pagination}
          scroll={{ x: 900 }}
          data-testid="enf-inspection-table"
          columns={[
            {
              title: t('enterprise'),
              dataIndex: 'enterpriseName',
              render: (v, r) => <Link to={`/enforcement/inspections/${r.id}`}>{v}</Link>,
            },
            {
              title: t('inspSource'),
              dataIndex: 'source',
              render: (v: EnfInspection['source']) => pick(lang, INSPECTION_SOURCE_LABELS[v]),
            },
            { title: t('inspPlannedOn'), dataIndex: 'plannedOn' },
            { title: t('inspOfficers'), render: (_, r) => r.officers.map((o) => o.name).join('、') },
            { title: t('inspCounts'), render: (_, r) => `${r.hazardsFound} / ${r.violations}` },
            { title: t('inspStatus'), render: (_, r) => <InspectionStatusTags r={r} /> },
          ]}
        />
      )}
      <Modal open={open} title={t('inspNew')} onCancel={() => setOpen(false)} onOk={submit} destroyOnHidden>
        <Form form={form} layout="vertical" initialValues={{ source: 'adhoc', plannedOn: dayjs(), unannounced: true, covert: false }}>
          <Form.Item name="enterpriseId" label={t('enterprise')} rules={[{ required: true }]}>
            <Select
              showSearch
              filterOption={false}
              onSearch={picker.onSearch}
              options={
                asked && !picker.options.some((o) => o.value === asked.enterpriseId)
                  ? [{ value: asked.enterpriseId, label: asked.enterpriseName }, ...picker.options]
                  : picker.options
              }
              id="enf-enterprise"
            />
          </Form.Item>
          <Form.Item name="accidentId" hidden>
            <Input />
          </Form.Item>
          <Form.Item name="source" label={t('inspSource')} rules={[{ required: true }]}>
            <Select options={MANUAL_INSPECTION_SOURCES.map((s) => ({ value: s, label: pick(lang, INSPECTION_SOURCE_LABELS[s]) }))} />
          </Form.Item>
          <Form.Item
            name="officerIds"
            label={t('inspOfficers')}
            extra={t('inspOfficersHelp')}
            rules={[{ required: true, type: 'array', len: 2, message: t('inspOfficersHelp') }]}
          >
            <Select
              mode="multiple"
              id="enf-officers"
              maxCount={2}
              options={(officers.data?.items ?? []).map((o) => ({
                value: o.userId,
                label: `${o.name}（${o.certificateNo}）${o.conflict ? ` · ${t('inspConflict')}` : ''}`,
                disabled: o.conflict,
              }))}
            />
          </Form.Item>
          <Form.Item name="plannedOn" label={t('inspPlannedOn')} rules={[{ required: true }]}>
            <DatePicker />
          </Form.Item>
          <Form.Item name="checklistId" label={t('inspChecklist')}>
            <Select allowClear options={(checklists.data?.items ?? []).map((c) => ({ value: c.id, label: `${c.name} v${c.version}` }))} />
          </Form.Item>
          <Space>
            <Form.Item name="unannounced" valuePropName="checked">
              <Checkbox>{t('inspUnannounced')}</Checkbox>
            </Form.Item>
            <Form.Item name="covert" valuePropName="checked">
              <Checkbox>{t('inspCovert')}</Checkbox>
            </Form.Item>
          </Space>
          <Form.Item name="note" label={t('inspNote')}>
            <Input.TextArea rows={2} maxLength={500} />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}

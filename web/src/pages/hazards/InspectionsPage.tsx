// 检查: planned and submitted inspections; plan new ones for enterprises at the user's tier.
import { type Checklist, findingTier, INSPECTION_TIERS, type Inspection, type Role, TIER_LABELS } from '@taishan/domain';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Checkbox, DatePicker, Form, Modal, Select, Space, Table, Tag } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { Link } from 'react-router';
import { api, type Page } from '../../api.ts';
import { ActiveFilters } from '../../components/ActiveFilters.tsx';
import { DateRangeFilter, EnterpriseFilter, SelectFilter } from '../../components/FilterControls.tsx';
import { MobileCards, usePhone } from '../../components/MobileCards.tsx';
import { useEnterprisePicker } from '../../components/useEnterprisePicker.ts';
import { useFilters } from '../../components/useFilters.ts';
import { pick, useI18n } from '../../i18n.tsx';
import { may, useSession } from '../../session.tsx';

export function InspectionsPage() {
  const { t, lang } = useI18n();
  const { me } = useSession();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm();
  // Filters from the URL (the workbench links here with status, tier and planned dates).
  const { query: qs, pagination: pager } = useFilters();
  const list = useQuery({ queryKey: ['inspections', qs], queryFn: () => api<Page<Inspection>>(`/api/v1/inspections?${qs}`) });
  const checklists = useQuery({
    queryKey: ['checklists'],
    queryFn: () => api<{ items: Checklist[] }>('/api/v1/checklists'),
    enabled: open,
  });
  const enterprisePicker = useEnterprisePicker(open);
  // The tier this user plans at is the tier their findings are recorded at (domain findingTier):
  // their own enterprise's self-inspection, or their government tier.
  const tier = me && may(me, 'inspections.plan') ? findingTier({ ...me, role: me.role as Role }, me.scope.enterpriseId) : null;
  const phone = usePhone();
  const statusTags = (r: Inspection) => (
    <>
      {r.status === 'submitted' ? <Tag color="success">{t('inspectionSubmitted')}</Tag> : <Tag>{t('inspectionPlanned')}</Tag>}
      {r.unannounced && <Tag color="purple">{t('unannounced')}</Tag>}
    </>
  );
  const pagination = pager(list.data?.total, 50, (n) => t('total', { n }));
  return (
    <Card
      title={t('inspections')}
      extra={
        tier && (
          <Button type="primary" onClick={() => setOpen(true)} data-testid="plan-inspection">
            {t('newInspection')}
          </Button>
        )
      }
    >
      <Space wrap style={{ marginBottom: 12 }}>
        {!me?.scope.enterpriseId && <EnterpriseFilter />}
        <SelectFilter
          param="tier"
          label={t('tier')}
          options={INSPECTION_TIERS.map((x) => ({ value: x, label: pick(lang, TIER_LABELS[x]) }))}
        />
        <SelectFilter
          param="status"
          label={t('status')}
          options={[
            { value: 'planned', label: t('plannedDate') },
            { value: 'submitted', label: t('submit') },
          ]}
        />
        <DateRangeFilter label="filterPlannedDate" />
      </Space>
      <ActiveFilters
        describe={(k, v) =>
          k === 'tier' && v in TIER_LABELS
            ? pick(lang, TIER_LABELS[v as Inspection['tier']])
            : k === 'status'
              ? v === 'submitted'
                ? t('inspectionSubmitted')
                : t('inspectionPlanned')
              : k === 'from'
                ? `${t('plannedDate')} ${t('filterFrom')} ${v}`
                : k === 'to'
                  ? `${t('plannedDate')} ${t('filterTo')} ${v}`
                  : null
        }
      />
      {phone ? (
        <MobileCards<Inspection>
          items={list.data?.items}
          loading={list.isLoading}
          rowKey={(r) => r.id}
          testId="inspection-cards"
          pagination={pagination}
          card={(r) => ({
            title: r.enterpriseName,
            link: `/inspections/${r.id}`,
            tags: statusTags(r),
            facts: [
              { label: t('plannedDate'), value: r.plannedDate },
              { label: t('tier'), value: pick(lang, TIER_LABELS[r.tier]) },
              { label: t('checklist'), value: `${r.checklistName} v${r.checklistVersion}` },
            ],
          })}
        />
      ) : (
        <Table<Inspection>
          rowKey="id"
          loading={list.isLoading}
          dataSource={list.data?.items}
          scroll={{ x: 800 }}
          data-testid="inspection-table"
          pagination={pagination}
          columns={[
            { title: t('enterprise'), dataIndex: 'enterpriseName', render: (v, r) => <Link to={`/inspections/${r.id}`}>{v}</Link> },
            { title: t('tier'), dataIndex: 'tier', render: (v: Inspection['tier']) => pick(lang, TIER_LABELS[v]) },
            { title: t('checklist'), render: (_, r) => `${r.checklistName} v${r.checklistVersion}` },
            { title: t('plannedDate'), dataIndex: 'plannedDate' },
            {
              title: t('status'),
              dataIndex: 'status',
              render: (_: string, r) => statusTags(r),
            },
            { title: t('actions'), render: (_, r) => r.canExecute && <Link to={`/inspections/${r.id}`}>{t('execute')}</Link> },
          ]}
        />
      )}
      <Modal open={open} title={t('newInspection')} onCancel={() => setOpen(false)} onOk={() => form.submit()} destroyOnHidden>
        <Form
          form={form}
          layout="vertical"
          initialValues={{ plannedDate: dayjs(), unannounced: false }}
          onFinish={async (v) => {
            try {
              await api('/api/v1/inspections', {
                method: 'POST',
                json: {
                  ...v,
                  tier,
                  plannedDate: (v.plannedDate as dayjs.Dayjs).format('YYYY-MM-DD'),
                  enterpriseIds: me?.scope.enterpriseId ? [me.scope.enterpriseId] : v.enterpriseIds,
                },
              });
              message.success(t('saved'));
              setOpen(false);
              qc.invalidateQueries({ queryKey: ['inspections'] });
            } catch (e) {
              message.error((e as Error).message);
            }
          }}
        >
          {!me?.scope.enterpriseId && (
            <Form.Item name="enterpriseIds" label={t('enterprise')} rules={[{ required: true }]}>
              <Select
                mode="multiple"
                id="plan-enterprises"
                filterOption={false}
                onSearch={enterprisePicker.onSearch}
                options={enterprisePicker.options}
              />
            </Form.Item>
          )}
          <Form.Item name="checklistId" label={t('checklist')} rules={[{ required: true }]}>
            <Select
              id="plan-checklist"
              options={(checklists.data?.items ?? []).map((c) => ({ value: c.id, label: `${c.name} v${c.version}` }))}
            />
          </Form.Item>
          <Form.Item name="plannedDate" label={t('plannedDate')} rules={[{ required: true }]}>
            <DatePicker />
          </Form.Item>
          <Form.Item name="unannounced" valuePropName="checked">
            <Checkbox>{t('unannounced')}</Checkbox>
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}

// 自查计划: an enterprise's recurring self-inspections (daily / weekly / monthly / quarterly).
// The server plans each occurrence when it falls due; here the enterprise sets, pauses and resumes
// them, and supervisors see the schedules of the enterprises in their area.
import { type Checklist, SCHEDULE_FREQUENCIES, SCHEDULE_FREQUENCY_LABELS, type InspectionSchedule as Schedule } from '@taishan/domain';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, DatePicker, Form, Input, Modal, Select, Table, Tag } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { ApiError, api, formErrors } from '../../api.ts';
import { ActiveFilters } from '../../components/ActiveFilters.tsx';
import { useEnterprisePicker } from '../../components/useEnterprisePicker.ts';
import { useFilters } from '../../components/useFilters.ts';
import { pick, useI18n } from '../../i18n.tsx';
import { may, useSession } from '../../session.tsx';

export function SchedulesPage() {
  const { t, lang } = useI18n();
  const { me } = useSession();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm();
  const own = me?.scope.enterpriseId ?? null;
  const mayCreate = may(me, 'schedules.manage');
  const { query: qs } = useFilters();
  const list = useQuery({
    queryKey: ['schedules', qs],
    queryFn: () => api<{ items: Schedule[] }>(`/api/v1/inspection-schedules?${qs}`),
  });
  const checklists = useQuery({
    queryKey: ['checklists'],
    queryFn: () => api<{ items: Checklist[] }>('/api/v1/checklists'),
    enabled: open,
  });
  const enterprisePicker = useEnterprisePicker(open && !own);
  const toggle = async (s: Schedule) => {
    try {
      await api(`/api/v1/inspection-schedules/${s.id}`, { method: 'PATCH', json: { active: !s.active, version: s.version } });
      qc.invalidateQueries({ queryKey: ['schedules'] });
    } catch (e) {
      message.error((e as Error).message);
    }
  };
  return (
    <Card
      title={t('schedules')}
      extra={
        mayCreate && (
          <Button type="primary" onClick={() => setOpen(true)} data-testid="new-schedule">
            {t('newSchedule')}
          </Button>
        )
      }
    >
      <Alert type="info" showIcon message={t('scheduleHint')} style={{ marginBottom: 16 }} />
      <ActiveFilters
        describe={(k, v) => (k === 'active' ? t(v === 'true' ? 'running' : 'paused') : k === 'dueBy' ? `${t('nextDate')} ≤ ${v}` : null)}
      />
      <Table<Schedule>
        rowKey="id"
        loading={list.isLoading}
        dataSource={list.data?.items}
        scroll={{ x: 800 }}
        data-testid="schedule-table"
        columns={[
          { title: t('scheduleName'), dataIndex: 'name' },
          ...(own ? [] : [{ title: t('enterprise'), dataIndex: 'enterpriseName' }]),
          { title: t('checklist'), dataIndex: 'checklistCode' },
          { title: t('frequency'), dataIndex: 'frequency', render: (v: Schedule['frequency']) => pick(lang, SCHEDULE_FREQUENCY_LABELS[v]) },
          { title: t('nextDate'), dataIndex: 'nextDate' },
          {
            title: t('status'),
            dataIndex: 'active',
            render: (v: boolean) => (v ? <Tag color="processing">{t('running')}</Tag> : <Tag>{t('paused')}</Tag>),
          },
          {
            title: t('actions'),
            render: (_, s) =>
              s.canManage && (
                <Button size="small" onClick={() => toggle(s)}>
                  {s.active ? t('pause') : t('resume')}
                </Button>
              ),
          },
        ]}
      />
      <Modal open={open} title={t('newSchedule')} onCancel={() => setOpen(false)} onOk={() => form.submit()} destroyOnHidden>
        <Form
          form={form}
          layout="vertical"
          initialValues={{ startDate: dayjs(), frequency: 'weekly' }}
          onFinish={async (v) => {
            try {
              await api('/api/v1/inspection-schedules', {
                method: 'POST',
                json: { ...v, enterpriseId: own ?? v.enterpriseId, startDate: (v.startDate as dayjs.Dayjs).format('YYYY-MM-DD') },
              });
              message.success(t('saved'));
              setOpen(false);
              qc.invalidateQueries({ queryKey: ['schedules'] });
              qc.invalidateQueries({ queryKey: ['inspections'] });
            } catch (e) {
              if (e instanceof ApiError) form.setFields(formErrors(e));
              message.error((e as Error).message);
            }
          }}
        >
          {!own && (
            <Form.Item name="enterpriseId" label={t('enterprise')} rules={[{ required: true }]}>
              <Select showSearch filterOption={false} onSearch={enterprisePicker.onSearch} options={enterprisePicker.options} />
            </Form.Item>
          )}
          <Form.Item name="name" label={t('scheduleName')} rules={[{ required: true }]}>
            <Input id="schedule-name" maxLength={100} />
          </Form.Item>
          <Form.Item name="checklistCode" label={t('checklist')} rules={[{ required: true }]}>
            <Select
              id="schedule-checklist"
              options={(checklists.data?.items ?? [])
                .filter((c) => c.tiers.includes('self'))
                .map((c) => ({ value: c.code, label: `${c.name}（${t('latest')}）` }))}
            />
          </Form.Item>
          <Form.Item name="frequency" label={t('frequency')} rules={[{ required: true }]}>
            <Select options={SCHEDULE_FREQUENCIES.map((f) => ({ value: f, label: pick(lang, SCHEDULE_FREQUENCY_LABELS[f]) }))} />
          </Form.Item>
          <Form.Item name="startDate" label={t('startDate')} rules={[{ required: true }]}>
            <DatePicker />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}

// 强制性封闭培训: the courses a regulator ordered an enterprise's principal and safety managers to
// attend after an accident or a serious violation (linked to it), with each attendee's status; the
// regulator records attendance (the steps each attendee's allowedActions grant) and orders new ones.
// An enterprise sees the orders it received.
import { ATTENDANCE_LABELS, MANAGER_POSITIONS, PERSON_POSITION_LABELS } from '@taishan/domain';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Checkbox, DatePicker, Form, Input, Modal, Radio, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { ApiError, api, formErrors } from '../../api.ts';
import { pick, useI18n } from '../../i18n.tsx';
import { may, useSession } from '../../session.tsx';
import { type ClosedCourse, fetchCourses, fetchEnterpriseSummaries, fetchPeople, orderCourse, recordAttendance } from './people-api.ts';

const STATUS_COLOR = { ordered: 'orange', attended: 'blue', absent: 'red', completed: 'green' } as const;

function OrderModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm();
  const enterpriseId = Form.useWatch('enterpriseId', form) as string | undefined;
  const reason = Form.useWatch('reason', form) as string | undefined;
  const ents = useQuery({
    queryKey: ['people', 'enterprises', 'all'],
    queryFn: () => fetchEnterpriseSummaries({ pageSize: 200 }),
    enabled: open,
  });
  const people = useQuery({
    queryKey: ['people', 'list', 'managers', enterpriseId],
    queryFn: () => fetchPeople({ enterpriseId, pageSize: 200 }),
    enabled: !!enterpriseId,
  });
  const accidents = useQuery({
    queryKey: ['accidents', 'of', enterpriseId],
    queryFn: () => api<{ items: { id: string; number: string; occurredAt: string }[] }>(`/api/v1/accidents?enterpriseId=${enterpriseId}`),
    enabled: !!enterpriseId && reason === 'accident',
  });
  const ok = async () => {
    const v = await form.validateFields();
    try {
      await orderCourse({
        enterpriseId: v.enterpriseId,
        reason: v.reason,
        personIds: v.personIds,
        title: v.title,
        place: v.place,
        startsOn: v.dates[0].format('YYYY-MM-DD'),
        endsOn: v.dates[1].format('YYYY-MM-DD'),
        caseId: v.caseId || null,
        accidentId: v.accidentId || null,
      });
      message.success(t('saved'));
      await qc.invalidateQueries({ queryKey: ['people'] });
      onClose();
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
      title={t('ppOrderCourse')}
      onCancel={onClose}
      onOk={ok}
      okText={t('submit')}
      cancelText={t('cancel')}
      width={640}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" initialValues={{ reason: 'accident' }}>
        <Form.Item name="enterpriseId" label={t('ppEnterprise')} rules={[{ required: true }]}>
          <Select
            showSearch
            optionFilterProp="label"
            options={(ents.data?.items ?? []).map((e) => ({ value: e.enterpriseId, label: e.name }))}
          />
        </Form.Item>
        <Form.Item name="reason" label={t('ppReason')} rules={[{ required: true }]}>
          <Radio.Group
            options={[
              { value: 'accident', label: t('ppReasonAccident') },
              { value: 'violation', label: t('ppReasonViolation') },
            ]}
          />
        </Form.Item>
        {reason === 'accident' ? (
          <Form.Item name="accidentId" label={t('ppAccidentId')} rules={[{ required: true }]}>
            <Select options={(accidents.data?.items ?? []).map((a) => ({ value: a.id, label: a.number }))} />
          </Form.Item>
        ) : (
          <Form.Item name="caseId" label={t('ppCaseId')} rules={[{ required: true }]}>
            <Input />
          </Form.Item>
        )}
        <Form.Item name="personIds" label={t('ppAttendees')} rules={[{ required: true }]}>
          <Checkbox.Group
            options={(people.data?.items ?? [])
              .filter((p) => MANAGER_POSITIONS.includes(p.position))
              .map((p) => ({ value: p.id, label: `${p.name}（${pick(lang, PERSON_POSITION_LABELS[p.position])}）` }))}
          />
        </Form.Item>
        <Form.Item name="title" label={t('ppCourseTitle')} rules={[{ required: true, max: 100 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="dates" label={t('ppCourseDates')} rules={[{ required: true }]}>
          <DatePicker.RangePicker />
        </Form.Item>
        <Form.Item name="place" label={t('ppPlace')} rules={[{ required: true, max: 200 }]}>
          <Input />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function ClosedCoursesPage() {
  const { t, lang } = useI18n();
  const { me } = useSession();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [pending, setPending] = useState(() => new URLSearchParams(window.location.search).get('pending') === 'true');
  const [ordering, setOrdering] = useState(false);
  const q = useQuery({
    queryKey: ['people', 'courses', pending],
    queryFn: () => fetchCourses({ pending: pending ? 'true' : undefined, pageSize: 200 }),
  });
  const step = async (c: ClosedCourse, personId: string, s: 'attended' | 'absent' | 'completed') => {
    try {
      await recordAttendance(c.id, personId, s);
      await qc.invalidateQueries({ queryKey: ['people'] });
      message.success(t('saved'));
    } catch (e) {
      if (e instanceof ApiError) message.error(e.message);
      else throw e;
    }
  };
  const label = { attended: 'ppAttended', absent: 'ppAbsent', completed: 'ppComplete' } as const;
  return (
    <Card
      title={t('ppMenuCourses')}
      extra={
        <Space>
          <Checkbox checked={pending} onChange={(e) => setPending(e.target.checked)}>
            {t('ppPendingOnly')}
          </Checkbox>
          {may(me, 'people.orderCourses') && (
            <Button type="primary" onClick={() => setOrdering(true)} data-testid="order-course">
              {t('ppOrderCourse')}
            </Button>
          )}
        </Space>
      }
    >
      <Table<ClosedCourse>
        rowKey="id"
        size="small"
        loading={q.isLoading}
        dataSource={q.data?.items ?? []}
        pagination={false}
        scroll={{ x: 1000 }}
        data-testid="closed-courses"
        columns={[
          {
            title: t('ppCourseTitle'),
            width: 260,
            render: (_: unknown, c: ClosedCourse) => (
              <Space direction="vertical" size={0}>
                <Typography.Text strong>{c.title}</Typography.Text>
                <Typography.Text type="secondary">
                  {c.startsOn} ~ {c.endsOn} · {c.place}
                </Typography.Text>
              </Space>
            ),
          },
          { title: t('ppEnterprise'), dataIndex: 'enterpriseName', width: 180 },
          {
            title: t('ppLinkedTo'),
            width: 160,
            render: (_: unknown, c: ClosedCourse) =>
              c.accidentId ? (
                <Link to={`/accidents/${c.accidentId}`}>{c.accidentNumber}</Link>
              ) : (
                <Link to={`/enforcement/cases/${c.caseId}`}>{c.caseTitle ?? t('ppReasonViolation')}</Link>
              ),
          },
          {
            title: t('ppAttendees'),
            render: (_: unknown, c: ClosedCourse) => (
              <Space direction="vertical" size={4}>
                {c.attendees.map((a) => (
                  <Space key={a.personId} wrap size={4}>
                    <span>
                      {a.name}（{pick(lang, PERSON_POSITION_LABELS[a.position])}）
                    </span>
                    <Tag color={STATUS_COLOR[a.status]}>{pick(lang, ATTENDANCE_LABELS[a.status])}</Tag>
                    {a.allowedActions.map((s) => (
                      <Button key={s} size="small" onClick={() => step(c, a.personId, s)}>
                        {t(label[s])}
                      </Button>
                    ))}
                  </Space>
                ))}
                {c.completed && <Tag color="green">{t('ppCompleted')}</Tag>}
              </Space>
            ),
          },
          { title: t('ppOrderedBy'), dataIndex: 'orderedByName', width: 120 },
        ]}
      />
      <OrderModal open={ordering} onClose={() => setOrdering(false)} />
    </Card>
  );
}

// 警示教育 (一厂出事故、万厂受教育): an enterprise sees the accident notices sent to it and
// acknowledges each with the self-inspection it made; a regulator sees the notices it sent, how many
// of the enterprises acknowledged, and which have not.
import { ACCIDENT_TYPE_LABELS } from '@taishan/domain';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Form, Input, List, Modal, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { ApiError, formErrors } from '../../api.ts';
import { formatTime, pick, useI18n } from '../../i18n.tsx';
import { useSession } from '../../session.tsx';
import {
  acknowledgeLesson,
  type EnterpriseLesson,
  fetchLessons,
  fetchLessonTargets,
  type LessonTarget,
  type RegulatorLesson,
} from './accidents-api.ts';
import { GradeTag } from './parts.tsx';

function EnterpriseLessons() {
  const { t, lang } = useI18n();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const [open, setOpen] = useState<EnterpriseLesson | null>(null);
  const q = useQuery({ queryKey: ['accident-lessons'], queryFn: () => fetchLessons<EnterpriseLesson>() });
  const submit = async () => {
    if (!open) return;
    const v = await form.validateFields();
    try {
      await acknowledgeLesson(open.lessonId, v.selfInspection);
      await qc.invalidateQueries({ queryKey: ['accident-lessons'] });
      setOpen(null);
      message.success(t('saved'));
    } catch (e) {
      if (e instanceof ApiError) {
        form.setFields(formErrors(e));
        message.error(e.message);
      } else throw e;
    }
  };
  return (
    <>
      <List<EnterpriseLesson>
        loading={q.isLoading}
        dataSource={q.data?.items ?? []}
        locale={{ emptyText: t('accLessonsNone') }}
        data-testid="accident-lessons"
        renderItem={(l) => (
          <List.Item
            actions={
              l.acknowledgedAt
                ? []
                : [
                    <Button
                      key="ack"
                      type="primary"
                      onClick={() => {
                        form.resetFields();
                        setOpen(l);
                      }}
                      data-testid="lesson-acknowledge"
                    >
                      {t('accLessonAcknowledge')}
                    </Button>,
                  ]
            }
          >
            <Space direction="vertical" size={2} style={{ width: '100%' }}>
              <Space wrap size={4}>
                <Typography.Text strong>{l.unitName}</Typography.Text>
                <GradeTag grade={l.grade} />
                {l.type && <Tag>{pick(lang, ACCIDENT_TYPE_LABELS[l.type])}</Tag>}
                {l.acknowledgedAt ? (
                  <Tag color="green">{t('accLessonAcknowledgedAt', { at: formatTime(l.acknowledgedAt, lang) })}</Tag>
                ) : (
                  <Tag color="orange">{t('accLessonPending')}</Tag>
                )}
              </Space>
              <Typography.Text type="secondary">
                {l.accidentNumber} · {t('accOccurredAt')} {formatTime(l.occurredAt, lang)} · {t('accSentAt')} {formatTime(l.sentAt, lang)}
              </Typography.Text>
              <div style={{ whiteSpace: 'pre-wrap' }}>{l.text}</div>
              {l.selfInspection && (
                <Typography.Paragraph type="secondary" style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>
                  {t('accSelfInspection')}：{l.selfInspection}
                </Typography.Paragraph>
              )}
            </Space>
          </List.Item>
        )}
      />
      <Modal
        open={open !== null}
        title={t('accLessonAcknowledge')}
        onCancel={() => setOpen(null)}
        onOk={submit}
        okText={t('submit')}
        cancelText={t('cancel')}
        destroyOnHidden
      >
        <Form form={form} layout="vertical">
          <Form.Item
            name="selfInspection"
            label={t('accSelfInspection')}
            extra={t('accSelfInspectionHint')}
            rules={[{ required: true, max: 2000 }]}
          >
            <Input.TextArea rows={5} data-testid="lesson-self-inspection" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

function Targets({ lessonId }: { lessonId: string }) {
  const { t, lang } = useI18n();
  const q = useQuery({ queryKey: ['accident-lesson-targets', lessonId], queryFn: () => fetchLessonTargets(lessonId) });
  const items = q.data?.items ?? [];
  const pending = items.filter((x) => !x.acknowledgedAt);
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Typography.Text strong>{t('accLessonNotYet', { n: pending.length })}</Typography.Text>
      <Table<LessonTarget>
        size="small"
        rowKey="enterpriseId"
        loading={q.isLoading}
        dataSource={[...pending, ...items.filter((x) => x.acknowledgedAt)]}
        pagination={items.length > 20 ? { pageSize: 20 } : false}
        columns={[
          {
            title: t('enterprise'),
            dataIndex: 'enterpriseName',
            render: (v: string, r) => <Link to={`/enterprises/${r.enterpriseId}`}>{v}</Link>,
          },
          {
            title: t('accAcknowledged'),
            dataIndex: 'acknowledgedAt',
            width: 170,
            render: (v: string | null) => (v ? formatTime(v, lang) : <Tag color="orange">{t('accLessonPending')}</Tag>),
          },
          { title: t('accSelfInspection'), dataIndex: 'selfInspection', render: (v: string | null) => v ?? '—' },
        ]}
      />
    </Space>
  );
}

function RegulatorLessons() {
  const { t, lang } = useI18n();
  const q = useQuery({ queryKey: ['accident-lessons'], queryFn: () => fetchLessons<RegulatorLesson>() });
  return (
    <Table<RegulatorLesson>
      rowKey="lessonId"
      size="middle"
      loading={q.isLoading}
      dataSource={q.data?.items ?? []}
      locale={{ emptyText: t('accLessonsSentNone') }}
      scroll={{ x: 900 }}
      data-testid="accident-lessons"
      expandable={{ expandedRowRender: (l) => <Targets lessonId={l.lessonId} />, expandRowByClick: true }}
      columns={[
        {
          title: t('accNumber'),
          dataIndex: 'accidentNumber',
          width: 190,
          render: (v: string, l) => <Link to={`/accidents/${l.accidentId}`}>{v}</Link>,
        },
        { title: t('accLessonText'), dataIndex: 'text', ellipsis: true },
        { title: t('accSentAt'), dataIndex: 'sentAt', width: 150, render: (v: string) => formatTime(v, lang) },
        { title: t('accSentBy'), dataIndex: 'sentByName', width: 130, render: (v: string | null) => v ?? '—' },
        {
          title: t('accAcknowledged'),
          key: 'ack',
          width: 130,
          render: (_, l) => (
            <Tag color={l.acknowledged === l.targets ? 'green' : 'orange'}>
              {l.acknowledged} / {l.targets}
            </Tag>
          ),
        },
      ]}
    />
  );
}

export function LessonsPage() {
  const { t } = useI18n();
  const { me } = useSession();
  return (
    <Card title={t('accMenuLessons')}>
      <Typography.Paragraph type="secondary">
        {me?.scope.enterpriseId ? t('accLessonsIntroEnterprise') : t('accLessonsIntroRegulator')}
      </Typography.Paragraph>
      {me?.scope.enterpriseId ? <EnterpriseLessons /> : <RegulatorLessons />}
    </Card>
  );
}

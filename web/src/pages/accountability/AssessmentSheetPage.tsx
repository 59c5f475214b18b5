// 考核表: one jurisdiction's sheet for a year — each item with its weight, its points and, for a
// computed item, the figures it was computed from and its formula; hand-scored items editable while
// allowed; the total, the grade and the thresholds (暂定); the workflow's buttons exactly as the
// server's allowedActions say; the fix plan a 不合格 owes; the year's vetoes in the jurisdiction.
import {
  ASSESSMENT_ACTION_LABELS,
  ASSESSMENT_FORMULAS,
  ASSESSMENT_INPUT_LABELS,
  type AssessmentAction,
  VETO_STATE_LABELS,
} from '@taishan/domain';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Descriptions, Form, Input, InputNumber, Modal, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useParams } from 'react-router';
import { ApiError, formErrors } from '../../api.ts';
import { formatTime, pick, useI18n } from '../../i18n.tsx';
import { assessmentStep, fetchAssessment, type SheetLine } from './assessment-api.ts';
import { AssessmentGradeTag, AssessmentStatusTag, ProvisionalTag, points } from './assessment-parts.tsx';

type Dialog = { action: 'score'; line: SheetLine } | { action: 'return' | 'submitFixPlan' } | null;

export function AssessmentSheetPage() {
  const { id = '' } = useParams();
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm();
  const [dialog, setDialog] = useState<Dialog>(null);
  const sheet = useQuery({ queryKey: ['assessment', id], queryFn: () => fetchAssessment(id) });
  const step = useMutation({
    mutationFn: ({ action, body }: { action: AssessmentAction; body: Record<string, unknown> }) =>
      assessmentStep(id, action, { version: sheet.data?.version, ...body }),
    onSuccess: () => {
      setDialog(null);
      form.resetFields();
      message.success(t('saved'));
      qc.invalidateQueries({ queryKey: ['assessment', id] });
      qc.invalidateQueries({ queryKey: ['assessments'] });
    },
    onError: (e) => {
      if (e instanceof ApiError && Object.keys(e.fields).length) form.setFields(formErrors(e, 'top'));
      else message.error(e instanceof Error ? e.message : String(e));
    },
  });
  const s = sheet.data;
  if (!s) return <Card loading={sheet.isLoading}>{sheet.isError && t('notFound')}</Card>;
  const allowed = (a: AssessmentAction) => s.allowedActions.includes(a);
  const button = (a: 'compute' | 'submit' | 'confirm') =>
    allowed(a) && (
      <Button
        key={a}
        type={a === 'compute' ? 'default' : 'primary'}
        loading={step.isPending}
        onClick={() => step.mutate({ action: a, body: {} })}
        data-testid={`assessment-${a}`}
      >
        {pick(lang, ASSESSMENT_ACTION_LABELS[a])}
      </Button>
    );

  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Card
        title={t('asSheetTitle', { region: s.regionName, year: s.year })}
        extra={
          <Space wrap>
            {button('compute')}
            {button('submit')}
            {button('confirm')}
            {allowed('return') && (
              <Button danger onClick={() => setDialog({ action: 'return' })} data-testid="assessment-return">
                {pick(lang, ASSESSMENT_ACTION_LABELS.return)}
              </Button>
            )}
            {allowed('submitFixPlan') && (
              <Button type="primary" onClick={() => setDialog({ action: 'submitFixPlan' })} data-testid="assessment-submitFixPlan">
                {pick(lang, ASSESSMENT_ACTION_LABELS.submitFixPlan)}
              </Button>
            )}
          </Space>
        }
      >
        <Descriptions size="small" column={{ xs: 1, md: 3 }}>
          <Descriptions.Item label={t('asStatus')}>
            <AssessmentStatusTag status={s.status} />
          </Descriptions.Item>
          <Descriptions.Item label={t('asTotal')}>
            <Typography.Text strong data-testid="assessment-total">
              {points(s.total)}
            </Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label={t('asGrade')}>
            <AssessmentGradeTag grade={s.grade} />
          </Descriptions.Item>
          <Descriptions.Item label={t('asMenuTemplate')}>
            {s.templateVersion === 0 ? t('asDefaultTemplate') : t('asTemplateVersion', { n: s.templateVersion })}
          </Descriptions.Item>
          {s.submittedAt && (
            <Descriptions.Item label={pick(lang, ASSESSMENT_ACTION_LABELS.submit)}>
              {t('asSubmittedBy', { name: s.submittedByName ?? '', at: formatTime(s.submittedAt, lang) })}
            </Descriptions.Item>
          )}
          {s.confirmedAt && (
            <Descriptions.Item label={pick(lang, ASSESSMENT_ACTION_LABELS.confirm)}>
              {t('asConfirmedBy', { name: s.confirmedByName ?? '', at: formatTime(s.confirmedAt, lang) })}
            </Descriptions.Item>
          )}
        </Descriptions>
        <Space style={{ marginBottom: 8 }}>
          <Typography.Text type="secondary">{t('asThresholds', s.thresholds)}</Typography.Text>
          <ProvisionalTag />
        </Space>
        {s.returnedReason && (
          <Alert type="warning" showIcon message={t('asReturned', { reason: s.returnedReason })} style={{ marginBottom: 8 }} />
        )}
        {s.fixPlan && (
          <Alert
            type={s.fixPlan.submittedAt ? 'success' : s.fixPlan.overdue ? 'error' : 'warning'}
            showIcon
            style={{ marginBottom: 8 }}
            data-testid="assessment-fixplan"
            message={
              <Space wrap>
                {t('asFixPlanDue', { due: s.fixPlan.due ?? '' })}
                {s.fixPlan.overdue && <Tag color="red">{t('asFixPlanOverdue')}</Tag>}
                {s.fixPlan.submittedAt &&
                  t('asFixPlanIn', { name: s.fixPlan.submittedByName ?? '', at: formatTime(s.fixPlan.submittedAt, lang) })}
              </Space>
            }
            description={s.fixPlan.text}
          />
        )}
        <Table<SheetLine>
          rowKey="key"
          size="small"
          pagination={false}
          dataSource={s.lines}
          data-testid="assessment-lines"
          scroll={{ x: 900 }}
          columns={[
            { title: t('asItem'), dataIndex: 'label', width: 180 },
            {
              title: t('asSource'),
              dataIndex: 'source',
              width: 100,
              render: (v: SheetLine['source'], l) =>
                v === 'computed' && l.metric ? (
                  <Tooltip title={pick(lang, ASSESSMENT_FORMULAS[l.metric])}>
                    <Tag color="blue">{t('asComputed')}</Tag>
                  </Tooltip>
                ) : (
                  <Tag color="purple">{t('asManual')}</Tag>
                ),
            },
            { title: t('asWeight'), dataIndex: 'weight', width: 70, align: 'right' },
            {
              title: t('asPoints'),
              dataIndex: 'points',
              width: 80,
              align: 'right',
              render: (v: number | null, l) =>
                v === null ? (
                  <Typography.Text type="secondary">{l.source === 'computed' ? t('asNotComputed') : t('asNotScored')}</Typography.Text>
                ) : (
                  points(v)
                ),
            },
            {
              title: t('asInputs'),
              key: 'inputs',
              render: (_, l) =>
                l.source === 'computed' ? (
                  <Space size={4} wrap>
                    {l.inputs.map((i) => (
                      <span key={i.key}>
                        {pick(lang, ASSESSMENT_INPUT_LABELS[i.key] ?? { zh: i.key, en: i.key })} {i.value}
                      </span>
                    ))}
                    {l.metric && <Typography.Text type="secondary">（{pick(lang, ASSESSMENT_FORMULAS[l.metric])}）</Typography.Text>}
                  </Space>
                ) : (
                  <span>
                    {l.note ?? ''}
                    {l.scoredByName && <Typography.Text type="secondary"> — {l.scoredByName}</Typography.Text>}
                  </span>
                ),
            },
            {
              title: t('actions'),
              key: 'act',
              width: 90,
              render: (_, l) =>
                l.source === 'manual' &&
                allowed('score') && (
                  <Button
                    size="small"
                    onClick={() => {
                      form.setFieldsValue({ points: l.points ?? undefined, note: l.note ?? '' });
                      setDialog({ action: 'score', line: l });
                    }}
                    data-testid={`assessment-score-${l.key}`}
                  >
                    {t('asScore')}
                  </Button>
                ),
            },
          ]}
        />
      </Card>
      <Card title={t('asVetoesOfYear')} size="small">
        {s.vetoes.length === 0 ? (
          t('asNoVetoes')
        ) : (
          <Table
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={s.vetoes}
            columns={[
              { title: t('asOfficial'), dataIndex: 'officialName' },
              { title: t('asPosition'), dataIndex: 'officialPosition' },
              { title: t('asAccident'), key: 'acc', render: (_, v) => `${v.accidentNumber ?? ''} ${v.accidentUnit ?? ''}` },
              { title: t('asPeriod'), key: 'p', render: (_, v) => `${v.startsOn} ~ ${v.endsOn}` },
              { title: t('asState'), dataIndex: 'state', render: (_, v) => <Tag>{pick(lang, VETO_STATE_LABELS[v.state])}</Tag> },
            ]}
          />
        )}
      </Card>
      <Modal
        open={dialog !== null}
        title={
          dialog?.action === 'score'
            ? t('asScoreTitle', { item: dialog.line.label, weight: dialog.line.weight })
            : dialog
              ? pick(lang, ASSESSMENT_ACTION_LABELS[dialog.action])
              : ''
        }
        onCancel={() => setDialog(null)}
        onOk={() => form.submit()}
        confirmLoading={step.isPending}
        destroyOnHidden
      >
        <Form
          form={form}
          layout="vertical"
          onFinish={(v) => {
            if (!dialog) return;
            if (dialog.action === 'score')
              step.mutate({ action: 'score', body: { key: dialog.line.key, points: v.points, note: v.note ?? '' } });
            else if (dialog.action === 'return') step.mutate({ action: 'return', body: { reason: v.reason ?? '' } });
            else step.mutate({ action: 'submitFixPlan', body: { text: v.text ?? '' } });
          }}
        >
          {dialog?.action === 'score' && (
            <>
              <Form.Item name="points" label={t('asPoints')} rules={[{ required: true }]}>
                <InputNumber min={0} max={dialog.line.weight} step={0.5} data-testid="assessment-points" />
              </Form.Item>
              <Form.Item name="note" label={t('asNote')} rules={[{ required: true }]}>
                <Input.TextArea rows={3} data-testid="assessment-note" />
              </Form.Item>
            </>
          )}
          {dialog?.action === 'return' && (
            <Form.Item name="reason" label={t('asReturnReason')} rules={[{ required: true }]}>
              <Input.TextArea rows={3} />
            </Form.Item>
          )}
          {dialog?.action === 'submitFixPlan' && (
            <Form.Item name="text" label={t('asFixPlanText')} rules={[{ required: true }]}>
              <Input.TextArea rows={8} data-testid="assessment-fixplan-text" />
            </Form.Item>
          )}
        </Form>
      </Modal>
    </Space>
  );
}

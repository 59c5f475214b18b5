// One 约谈 / 黄牌警示 / 通报: its facts, the meeting, the written report and its working-day deadline
// (the setting is provisional), follow-up notes, and exactly the steps allowedActions gives.
import {
  ACCIDENT_GRADE_LABELS,
  type AccidentGrade,
  RECORD_ACTION_LABELS,
  RECORD_KIND_LABELS,
  RECORD_STATUS_LABELS,
  type RecordAction,
  SETTINGS,
} from '@taishan/domain';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, DatePicker, Descriptions, Form, Input, List, Space, Tag, Timeline } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { ApiError } from '../../api.ts';
import { formatTime, pick, useI18n } from '../../i18n.tsx';
import { editRecord, fetchRecord, recordPdfUrl, recordStep } from './accountability-api.ts';
import { FormModal, ProvisionalTag } from './parts.tsx';
import { STATUS_COLOR, SummonedFields } from './RecordsPage.tsx';

type StepValues = {
  note?: string;
  heldAt?: Dayjs;
  issues?: string;
  measures?: string;
  reason?: string;
  summoned?: { name: string; position: string }[];
  summonedBy?: string;
  scheduledAt?: Dayjs;
  place?: string;
};
const NOTE_ACTIONS: RecordAction[] = ['receiveReport', 'followUp', 'close', 'cancel'];
const CONFIRM_ACTIONS: RecordAction[] = ['issue', 'publish'];

export function RecordDetailPage() {
  const { id } = useParams() as { id: string };
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const q = useQuery({ queryKey: ['accountability', 'record', id], queryFn: () => fetchRecord(id) });
  const [action, setAction] = useState<RecordAction | null>(null);
  const [form] = Form.useForm<StepValues>();
  const r = q.data;
  if (!r) return <Card loading />;
  const refresh = () => qc.invalidateQueries({ queryKey: ['accountability'] });
  const start = async (a: RecordAction) => {
    if (CONFIRM_ACTIONS.includes(a)) {
      try {
        await recordStep(id, a as Exclude<RecordAction, 'edit'>, { version: r.version });
        message.success(t('acSaved'));
        await refresh();
      } catch (e) {
        if (e instanceof ApiError) message.error(Object.values(e.fields)[0] ?? e.message);
        else throw e;
      }
      return;
    }
    form.resetFields();
    if (a === 'edit') {
      form.setFieldsValue({
        reason: r.reason,
        summoned: r.summoned,
        summonedBy: r.summonedBy ?? '',
        scheduledAt: r.scheduledAt ? dayjs(r.scheduledAt) : undefined,
        place: r.place ?? '',
      });
    }
    if (a === 'recordMeeting') form.setFieldsValue({ heldAt: r.scheduledAt ? dayjs(r.scheduledAt) : dayjs() });
    setAction(a);
  };
  const submit = async (v: StepValues) => {
    if (action === 'edit') {
      await editRecord(id, {
        version: r.version,
        reason: v.reason,
        summoned: v.summoned ?? [],
        summonedBy: v.summonedBy || null,
        scheduledAt: v.scheduledAt ? v.scheduledAt.toISOString() : null,
        place: v.place || null,
      });
    } else if (action === 'recordMeeting') {
      await recordStep(id, 'recordMeeting', {
        version: r.version,
        heldAt: v.heldAt?.toISOString(),
        issues: v.issues,
        measures: v.measures,
      });
    } else if (action) {
      await recordStep(id, action as Exclude<RecordAction, 'edit'>, { version: r.version, note: v.note });
    }
    await refresh();
  };
  return (
    <Card
      title={
        <Space>
          {pick(lang, RECORD_KIND_LABELS[r.kind])}
          {r.number && <span>{r.number}</span>}
          <Tag color={STATUS_COLOR[r.status]}>{pick(lang, RECORD_STATUS_LABELS[r.status])}</Tag>
          {r.reportOverdue && <Tag color="red">{t('acOverdue')}</Tag>}
          {r.publishedAt && <Tag color="purple">{t('acPublished')}</Tag>}
        </Space>
      }
      extra={
        <Space>
          {r.number && (
            <Button href={recordPdfUrl(r.id)} target="_blank">
              {t('acPdf')}
            </Button>
          )}
          {r.allowedActions.map((a) => (
            <Button
              key={a}
              type={a === 'cancel' ? 'default' : 'primary'}
              danger={a === 'cancel'}
              onClick={() => start(a)}
              data-testid={`record-${a}`}
            >
              {pick(lang, RECORD_ACTION_LABELS[a])}
            </Button>
          ))}
        </Space>
      }
    >
      <Descriptions bordered column={2} size="small">
        <Descriptions.Item label={t('acTarget')}>{r.targetName}</Descriptions.Item>
        <Descriptions.Item label={t('acCreatedBy')}>
          {r.regionName} · {r.createdByName} · {formatTime(r.createdAt, lang)}
        </Descriptions.Item>
        <Descriptions.Item label={t('acReason')} span={2}>
          {r.reason}
        </Descriptions.Item>
        {r.kind === 'interview' && (
          <>
            <Descriptions.Item label={t('acSummonedPersons')}>
              {r.summoned.map((p) => `${p.position} ${p.name}`).join('；') || '—'}
            </Descriptions.Item>
            <Descriptions.Item label={t('acSummonedBy')}>{r.summonedBy ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('acScheduledAt')}>{r.scheduledAt ? formatTime(r.scheduledAt, lang) : '—'}</Descriptions.Item>
            <Descriptions.Item label={t('acPlace')}>{r.place ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('acHeldAt')}>{r.heldAt ? formatTime(r.heldAt, lang) : '—'}</Descriptions.Item>
            <Descriptions.Item label={t('acIssues')}>{r.issues ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('acMeasures')} span={2}>
              {r.measures ?? '—'}
            </Descriptions.Item>
          </>
        )}
        <Descriptions.Item label={t('acIssuedAt')}>{r.issuedAt ? formatTime(r.issuedAt, lang) : '—'}</Descriptions.Item>
        <Descriptions.Item label={t('acReportDue')}>
          {r.reportDueOn ? (
            <Space>
              {r.reportDueOn}
              <span>
                （{r.reportDays} {t('acReportDaysNote')}）
              </span>
              <ProvisionalTag source={SETTINGS['accountability.reportWorkingDays'].source} />
            </Space>
          ) : (
            '—'
          )}
        </Descriptions.Item>
        <Descriptions.Item label={t('acReportReceived')} span={2}>
          {r.reportReceivedAt ? `${formatTime(r.reportReceivedAt, lang)} · ${r.reportNote ?? ''}` : '—'}
        </Descriptions.Item>
        {r.closedAt && (
          <Descriptions.Item label={t('acClosing')} span={2}>
            {formatTime(r.closedAt, lang)} · {r.closingNote ?? ''}
          </Descriptions.Item>
        )}
        {r.cancelledAt && (
          <Descriptions.Item label={t('acCancelled')} span={2}>
            {formatTime(r.cancelledAt, lang)} · {r.cancelReason}
          </Descriptions.Item>
        )}
      </Descriptions>
      {r.accidents.length > 0 && (
        <Card size="small" title={t('acAccidents')} style={{ marginTop: 16 }}>
          <List
            size="small"
            dataSource={r.accidents}
            renderItem={(a) => (
              <List.Item>
                <Link to={`/accidents/${a.id}`}>{a.number}</Link> {a.unitName} ·{' '}
                {pick(lang, ACCIDENT_GRADE_LABELS[a.grade as AccidentGrade])}
                {a.deaths ? ` · ☠${a.deaths}` : ''} · {formatTime(a.occurredAt, lang)}
              </List.Item>
            )}
          />
        </Card>
      )}
      {r.followUps.length > 0 && (
        <Card size="small" title={t('acFollowUps')} style={{ marginTop: 16 }}>
          <Timeline items={r.followUps.map((f) => ({ children: `${formatTime(f.at, lang)} · ${f.by}：${f.note}` }))} />
        </Card>
      )}
      <FormModal<StepValues>
        open={!!action}
        title={action ? pick(lang, RECORD_ACTION_LABELS[action]) : ''}
        form={form}
        onClose={() => setAction(null)}
        onSubmit={submit}
        testId="record-step-modal"
      >
        {action === 'edit' && (
          <>
            <Form.Item name="reason" label={t('acReason')} rules={[{ required: true }]}>
              <Input.TextArea rows={3} />
            </Form.Item>
            <SummonedFields />
            <Form.Item name="summonedBy" label={t('acSummonedBy')}>
              <Input />
            </Form.Item>
            <Form.Item name="scheduledAt" label={t('acScheduledAt')}>
              <DatePicker showTime={{ format: 'HH:mm' }} />
            </Form.Item>
            <Form.Item name="place" label={t('acPlace')}>
              <Input />
            </Form.Item>
          </>
        )}
        {action === 'recordMeeting' && (
          <>
            <Form.Item name="heldAt" label={t('acHeldAt')} rules={[{ required: true }]}>
              <DatePicker showTime={{ format: 'HH:mm' }} />
            </Form.Item>
            <Form.Item name="issues" label={t('acIssues')} rules={[{ required: true }]}>
              <Input.TextArea rows={3} />
            </Form.Item>
            <Form.Item name="measures" label={t('acMeasures')} rules={[{ required: true }]}>
              <Input.TextArea rows={3} />
            </Form.Item>
          </>
        )}
        {action && NOTE_ACTIONS.includes(action) && (
          <Form.Item name="note" label={t('acStepNote')} rules={[{ required: !(action === 'close' && r.kind === 'circular') }]}>
            <Input.TextArea rows={4} />
          </Form.Item>
        )}
      </FormModal>
    </Card>
  );
}

// 值班 (/command/duty): who is on duty now for the jurisdiction, the new signals (the officer at
// once; the others after the delay setting), and today's duty log with add and handover (交接班).
// Owner: duty.
import {
  CM_DUTY_SEVERITY_LABELS,
  CM_DUTY_SOURCE_LABELS,
  DUTY_ENTRY_KIND_LABELS,
  DUTY_ENTRY_KINDS,
  DUTY_LOG_STATE_LABELS,
} from '@taishan/domain';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Descriptions, Form, Input, Modal, Select, Space, Table, Tag, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { ApiError, formErrors } from '../../api.ts';
import { requiredRule } from '../../components/RequiredLabel.tsx';
import { pick, useI18n } from '../../i18n.tsx';
import { addDutyEntry, bjDayTime, type DutySignal, fetchDutySignals, fetchDutyToday, handOverDuty, linkDutyOfficer } from './duty-api.ts';

export function DutyPage() {
  const { t, lang } = useI18n();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const today = useQuery({ queryKey: ['cmDuty', 'today'], queryFn: fetchDutyToday });
  const signals = useQuery({ queryKey: ['cmDuty', 'signals'], queryFn: fetchDutySignals, refetchInterval: 60_000 });
  const [entryForm] = Form.useForm();
  const [handForm] = Form.useForm();
  const [handOpen, setHandOpen] = useState(false);
  const [refused, setRefused] = useState<string | null>(null);
  const log = today.data?.log;
  const refresh = () => qc.invalidateQueries({ queryKey: ['cmDuty'] });
  const fail = (form: ReturnType<typeof Form.useForm>[0], err: unknown) => {
    if (err instanceof ApiError) {
      form.setFields(formErrors(err));
      setRefused(err.message);
    } else throw err;
  };
  const add = async () => {
    const v = await entryForm.validateFields();
    try {
      await addDutyEntry(v);
      entryForm.resetFields();
      setRefused(null);
      await refresh();
    } catch (err) {
      fail(entryForm, err);
    }
  };
  const handOver = async () => {
    const v = await handForm.validateFields();
    try {
      await handOverDuty({ note: v.note, version: log?.version ?? 0 });
      setHandOpen(false);
      setRefused(null);
      await refresh();
    } catch (err) {
      fail(handForm, err);
    }
  };
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="cm-duty">
      <Card title={t('cmDuTitle')} loading={today.isLoading}>
        {today.data?.isOfficer && <Alert type="success" showIcon style={{ marginBottom: 12 }} message={t('cmDuYouAreOnDuty')} />}
        <Descriptions size="small" column={1}>
          <Descriptions.Item label={t('cmDuOnDutyNow')}>
            {today.data?.onDutyNow.length
              ? today.data.onDutyNow.map((s) => (
                  <Tag key={s.id}>
                    {s.personName} {s.phone} {s.userName ? `（${s.userName}）` : ''}
                  </Tag>
                ))
              : t('cmDuNobody')}
          </Descriptions.Item>
          <Descriptions.Item label={t('cmDuDayShifts')}>
            {today.data?.dayShifts.map((s) => `${s.personName} ${bjDayTime(s.startsAt)}–${bjDayTime(s.endsAt)}`).join('；') || '—'}
          </Descriptions.Item>
        </Descriptions>
        {/* A shift of the government roster names a person; the account that person uses here is
            linked so that the platform knows who the duty officer is (sees new signals first). */}
        {(today.data?.officerCandidates.length ?? 0) > 0 && (today.data?.dayShifts.length ?? 0) > 0 && (
          <Table
            size="small"
            rowKey="id"
            style={{ marginTop: 12 }}
            pagination={false}
            data-testid="cm-duty-officers"
            dataSource={today.data?.dayShifts ?? []}
            columns={[
              { title: t('cmDuShift'), render: (_, s) => `${s.personName} ${bjDayTime(s.startsAt)}–${bjDayTime(s.endsAt)}` },
              {
                title: t('cmDuOfficerAccount'),
                render: (_, s) => (
                  <Select
                    style={{ minWidth: 220 }}
                    aria-label={`${t('cmDuOfficerAccount')} ${s.personName}`}
                    value={s.userId ?? undefined}
                    placeholder={t('cmDuOfficerPick')}
                    showSearch
                    optionFilterProp="label"
                    options={(today.data?.officerCandidates ?? []).map((u) => ({ value: u.id, label: u.name }))}
                    onChange={async (userId: string) => {
                      try {
                        await linkDutyOfficer({ shiftId: s.id, userId });
                        message.success(t('cmDuOfficerLinked'));
                        await refresh();
                      } catch (err) {
                        if (err instanceof ApiError) message.error(Object.values(err.fields)[0] ?? err.message);
                        else throw err;
                      }
                    }}
                  />
                ),
              },
            ]}
          />
        )}
      </Card>
      <Card
        title={t('cmDuSignals')}
        extra={
          signals.data && !signals.data.isOfficer ? (
            <Typography.Text type="secondary">{t('cmDuDelayNote', { n: signals.data.delayMinutes })}</Typography.Text>
          ) : null
        }
      >
        <Table<DutySignal>
          rowKey="id"
          size="small"
          loading={signals.isLoading}
          dataSource={signals.data?.items ?? []}
          pagination={{ pageSize: 10 }}
          columns={[
            { title: t('cmDuSignalTime'), key: 'at', render: (_, r) => bjDayTime(r.createdAt) },
            {
              title: t('cmDuSignalSource'),
              key: 'src',
              render: (_, r) => pick(lang, CM_DUTY_SOURCE_LABELS[r.sourceType] ?? { zh: r.sourceType, en: r.sourceType }),
            },
            { title: t('cmDuSignalTitle'), dataIndex: 'title' },
            {
              title: t('cmDuSignalSeverity'),
              key: 'sev',
              render: (_, r) => pick(lang, CM_DUTY_SEVERITY_LABELS[r.severity] ?? { zh: r.severity, en: r.severity }),
            },
          ]}
        />
      </Card>
      <Card
        title={`${t('cmDuLog')} ${today.data?.day ?? ''}`}
        extra={
          log && (
            <Space>
              <Tag color={log.state === 'open' ? 'blue' : 'default'}>{pick(lang, DUTY_LOG_STATE_LABELS[log.state])}</Tag>
              {log.allowedActions.includes('handOver') && (
                <Button type="primary" onClick={() => setHandOpen(true)} data-testid="cm-duty-handover">
                  {t('cmDuHandOver')}
                </Button>
              )}
            </Space>
          )
        }
      >
        {refused && <Alert type="error" showIcon style={{ marginBottom: 12 }} message={refused} />}
        <Timeline
          items={(log?.entries ?? []).map((e) => ({
            key: e.id,
            children: `${bjDayTime(e.at)} 【${pick(lang, DUTY_ENTRY_KIND_LABELS[e.kind])}】${e.text}（${e.authorName}）`,
          }))}
        />
        {log?.allowedActions.includes('addEntry') && (
          <Form form={entryForm} layout="inline" onFinish={add}>
            {/* requiredRule, not antd's `required`: that puts aria-required on the select, which does not allow it (axe). */}
            <Form.Item name="kind" initialValue="note" rules={[requiredRule(t('cmDuKind'))]}>
              <Select
                aria-label={t('cmDuKind')}
                style={{ width: 140 }}
                options={DUTY_ENTRY_KINDS.map((k) => ({ value: k, label: pick(lang, DUTY_ENTRY_KIND_LABELS[k]) }))}
              />
            </Form.Item>
            <Form.Item name="text" rules={[{ required: true, message: t('cmDuText') }]} style={{ flex: 1, minWidth: 260 }}>
              <Input maxLength={2000} placeholder={t('cmDuText')} aria-label={t('cmDuText')} />
            </Form.Item>
            <Button htmlType="submit">{t('cmDuAdd')}</Button>
          </Form>
        )}
        {log?.state === 'handedOver' && (
          <Typography.Paragraph>{`${t('cmDuHandoverNote')}：${log.handoverNote ?? ''}`}</Typography.Paragraph>
        )}
      </Card>
      <Modal
        open={handOpen}
        title={t('cmDuHandOver')}
        onCancel={() => setHandOpen(false)}
        onOk={handOver}
        okText={t('cmDuConfirm')}
        cancelText={t('cancel')}
        destroyOnHidden
      >
        <Form form={handForm} layout="vertical" preserve={false}>
          <Form.Item name="note" label={t('cmDuHandoverNote')} rules={[{ required: true, message: t('cmDuHandoverNote') }]}>
            <Input.TextArea rows={4} maxLength={2000} />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}

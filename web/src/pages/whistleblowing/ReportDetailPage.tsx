// One report for its handler: what was reported, the files, the conversation with the reporter,
// the steps allowed now (each asking for what it needs: a reason, the verifier, the hazard, the
// reward facts, the payment, the report to merge into), the history, and the identity-reveal
// flow (ask → another custodian decides → the asker opens it).
import {
  ACCIDENT_GRADE_LABELS,
  ACCIDENT_GRADES,
  actorLabel,
  PUBLIC_REPORT_ACTIONS,
  PUBLIC_REPORT_CATEGORY_LABELS,
  PUBLIC_REPORT_STEP_LABELS,
  type PublicReportAction,
  type PublicReportStep,
  REVEAL_REQUEST_STATUS_LABELS,
  type RevealRequest,
  type WhistleblowerReportAction,
  type WhistleblowerReportDetail,
  type WhistleblowerReportSummary,
} from '@taishan/domain';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Form,
  Input,
  InputNumber,
  List,
  Modal,
  Radio,
  Result,
  Row,
  Select,
  Space,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { ApiError, api, formErrors } from '../../api.ts';
import { formatTime, pick, useI18n } from '../../i18n.tsx';
import { ReportStatusTag } from './ReportsPage.tsx';

/** The workflow's steps among the actions the server allows (the others are the reply box and the identity request). */
const isStep = (a: WhistleblowerReportAction): a is PublicReportAction => (PUBLIC_REPORT_ACTIONS as readonly string[]).includes(a);
/** A history line's step ('receive' and 'escalate' are the system's); an unknown one shows as written. */
const stepLabel = (a: string) => PUBLIC_REPORT_STEP_LABELS[a as PublicReportStep] ?? { zh: a, en: a };

export function ReportDetailPage() {
  const { id } = useParams();
  const { t, lang } = useI18n();
  const qc = useQueryClient();
  const { message, modal } = App.useApp();
  const [action, setAction] = useState<PublicReportAction | null>(null);
  const [form] = Form.useForm();
  const [reply, setReply] = useState('');
  const [asking, setAsking] = useState(false);
  const [askForm] = Form.useForm();
  const q = useQuery({ queryKey: ['report', id], queryFn: () => api<WhistleblowerReportDetail>(`/api/v1/reports/${id}`), retry: false });
  const r = q.data;
  const siblings = useQuery({
    queryKey: ['reports', 'siblings', r?.enterpriseId],
    enabled: action === 'merge' && !!r?.enterpriseId,
    queryFn: () => api<{ items: WhistleblowerReportSummary[] }>(`/api/v1/reports?status=open&enterpriseId=${r?.enterpriseId}`),
  });
  if (q.error) return <Result status="404" title={t('notFound')} />;
  if (!r) return null;
  const refresh = () => {
    qc.invalidateQueries({ queryKey: ['report', id] });
    qc.invalidateQueries({ queryKey: ['reports'] });
    qc.invalidateQueries({ queryKey: ['reveal-requests'] });
  };
  const fail = (e: unknown, f = form) => {
    if (e instanceof ApiError) {
      f.setFields(formErrors(e));
      message.error(Object.values(e.fields)[0] ?? e.message);
    } else throw e;
  };

  const submitStep = async (v: Record<string, unknown>) => {
    if (!action) return;
    const body: Record<string, unknown> = { action };
    if (v.reason) body.reason = v.reason;
    if (action === 'verify' && v.assignee) body.assignee = v.assignee;
    if (action === 'substantiate') {
      if (v.hazardMode === 'create')
        body.hazard = { description: v.hazardDescription, level: v.hazardLevel, location: v.hazardLocation || null };
      if (v.hazardMode === 'link') body.hazardId = v.hazardId;
    }
    if (action === 'decideReward')
      body.reward = Object.fromEntries(
        Object.entries({
          penalty: v.penalty,
          concealedDeaths: v.concealedDeaths,
          accidentGrade: v.accidentGrade,
          override: v.override,
          note: v.note,
        }).filter(([, x]) => x !== undefined && x !== null && x !== ''),
      );
    if (action === 'payReward') body.payment = { paidOn: v.paidOn, reference: v.reference };
    if (action === 'merge') body.into = v.into;
    try {
      await api(`/api/v1/reports/${id}/transitions`, { method: 'POST', json: body });
      setAction(null);
      form.resetFields();
      refresh();
      message.success(t('saved'));
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) {
        setAction(null);
        refresh();
      }
      fail(e);
    }
  };

  const send = async () => {
    await api(`/api/v1/reports/${id}/messages`, { method: 'POST', json: { text: reply } });
    setReply('');
    refresh();
  };

  const decide = (v: RevealRequest, approve: boolean) => {
    let note = '';
    modal.confirm({
      title: approve ? t('revealApprove') : t('revealRefuse'),
      content: <Input.TextArea rows={2} placeholder={t('revealNote')} onChange={(e) => (note = e.target.value)} />,
      onOk: async () => {
        try {
          await api(`/api/v1/reveal-requests/${v.id}/decision`, { method: 'POST', json: { approve, note: note || undefined } });
          refresh();
        } catch (e) {
          fail(e);
          throw e;
        }
      },
    });
  };
  const reveal = async (v: RevealRequest) => {
    const who = await api<{ name: string | null; phone: string | null }>(`/api/v1/reveal-requests/${v.id}/reveal`, { method: 'POST' });
    modal.info({
      title: t('revealIdentity'),
      content: (
        <div data-testid="identity">
          <p>
            {t('reportName')}：{who.name ?? '—'}
          </p>
          <p>
            {t('reportPhone')}：{who.phone ?? '—'}
          </p>
          <Typography.Text type="secondary">{t('revealAudited')}</Typography.Text>
        </div>
      ),
    });
  };

  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Card
        title={
          <Space>
            {pick(lang, PUBLIC_REPORT_CATEGORY_LABELS[r.category])}
            <ReportStatusTag status={r.status} />
            {r.overdue && <Tag color="red">{t('overdue')}</Tag>}
          </Space>
        }
        extra={
          <Space wrap>
            {r.allowedActions.filter(isStep).map((a) => (
              <Button
                key={a}
                type={['accept', 'substantiate', 'decideReward', 'payReward'].includes(a) ? 'primary' : 'default'}
                danger={['reject', 'unsubstantiate'].includes(a)}
                onClick={() => {
                  form.resetFields();
                  form.setFieldsValue({
                    hazardMode: r.category === 'hazard' ? 'create' : 'none',
                    hazardDescription: r.description.slice(0, 2000),
                    hazardLevel: 'general',
                  });
                  setAction(a);
                }}
              >
                {pick(lang, PUBLIC_REPORT_STEP_LABELS[a])}
              </Button>
            ))}
          </Space>
        }
      >
        <Descriptions size="small" column={{ xs: 1, md: 2 }} bordered>
          <Descriptions.Item label={t('reportSubject')}>
            {r.enterpriseId ? <Link to={`/enterprises/${r.enterpriseId}`}>{r.enterpriseName}</Link> : (r.regionName ?? r.regionCode)}
          </Descriptions.Item>
          <Descriptions.Item label={t('reportPlace')}>{r.place ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('reportWhen')}>{r.happenedAt ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('reportReceivedOn')}>{r.receivedOn}</Descriptions.Item>
          <Descriptions.Item label={t('reportAcceptDue')}>{r.acceptDue}</Descriptions.Item>
          <Descriptions.Item label={t('reportConcludeDue')}>{r.concludeDue}</Descriptions.Item>
          <Descriptions.Item label={t('reportAssignee')}>{r.assignee ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('reportIdentity')}>{r.anonymous ? t('reportAnonymous') : t('reportNamed')}</Descriptions.Item>
          {r.hazardId && (
            <Descriptions.Item label={t('reportHazard')}>
              <Link to={`/hazards/${r.hazardId}`} data-testid="hazard-link">
                {t('detail')}
              </Link>
            </Descriptions.Item>
          )}
          {r.mergedInto && (
            <Descriptions.Item label={t('reportMergedInto')}>
              <Link to={`/reports/${r.mergedInto}`}>{t('detail')}</Link>
            </Descriptions.Item>
          )}
          {r.reason && <Descriptions.Item label={t('reportReason')}>{r.reason}</Descriptions.Item>}
          {r.reward && (
            <Descriptions.Item label={t('reportReward')} span={2}>
              <div data-testid="reward-amount">
                {r.reward.amount.toLocaleString('zh-CN')} 元
                {r.reward.paidOn ? `（${t('reportPaidOn')} ${r.reward.paidOn}，${r.rewardReference}）` : ''}
              </div>
              <ol style={{ margin: 0, paddingLeft: 18 }}>
                {r.reward.steps.map((s) => (
                  <li key={s}>{s}</li>
                ))}
              </ol>
              {r.rewardBasis && <Typography.Text type="secondary">{r.rewardBasis.split('；')[0]}</Typography.Text>}
            </Descriptions.Item>
          )}
        </Descriptions>
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginTop: 12 }} data-testid="report-description">
          {r.description}
        </Typography.Paragraph>
        {r.files.length > 0 && (
          <Space wrap>
            {r.files.map((f) => (
              <a key={f.id} href={`/api/v1/reports/${r.id}/files/${f.id}`} target="_blank" rel="noreferrer">
                {f.type.startsWith('image/') ? (
                  <img src={`/api/v1/reports/${r.id}/files/${f.id}`} alt={f.name} style={{ height: 80, border: '1px solid #eee' }} />
                ) : (
                  f.name
                )}
              </a>
            ))}
          </Space>
        )}
      </Card>
      <Row gutter={12}>
        <Col xs={24} md={14}>
          <Card size="small" title={t('reportConversation')}>
            <List
              dataSource={r.messages}
              locale={{ emptyText: t('reportNoMessages') }}
              renderItem={(m) => (
                <List.Item>
                  <List.Item.Meta
                    title={`${m.author === 'reporter' ? t('reportReporter') : (m.handler ?? t('reportHandler'))} · ${m.sentOn}`}
                    description={<span style={{ whiteSpace: 'pre-wrap' }}>{m.text}</span>}
                  />
                </List.Item>
              )}
            />
            {r.allowedActions.includes('message') && (
              <Space.Compact style={{ width: '100%' }}>
                <Input.TextArea
                  rows={2}
                  value={reply}
                  onChange={(e) => setReply(e.target.value)}
                  placeholder={t('reportWriteToReporter')}
                  data-testid="handler-reply"
                />
                <Button type="primary" disabled={!reply.trim()} onClick={send}>
                  {t('reportSend')}
                </Button>
              </Space.Compact>
            )}
          </Card>
        </Col>
        <Col xs={24} md={10}>
          {r.identitySealed && (
            <Card size="small" title={t('revealTitle')} style={{ marginBottom: 12 }}>
              <Typography.Paragraph type="secondary">{t('revealHint')}</Typography.Paragraph>
              <List
                size="small"
                dataSource={r.reveals}
                renderItem={(v) => (
                  <List.Item
                    actions={[
                      v.allowedActions.includes('decide') && (
                        <Button key="a" size="small" type="primary" onClick={() => decide(v, true)}>
                          {t('revealApprove')}
                        </Button>
                      ),
                      v.allowedActions.includes('decide') && (
                        <Button key="r" size="small" danger onClick={() => decide(v, false)}>
                          {t('revealRefuse')}
                        </Button>
                      ),
                      v.allowedActions.includes('reveal') && (
                        <Button key="o" size="small" type="primary" onClick={() => reveal(v)}>
                          {t('revealOpen')}
                        </Button>
                      ),
                    ].filter(Boolean)}
                  >
                    <List.Item.Meta
                      title={`${v.requester} · ${pick(lang, REVEAL_REQUEST_STATUS_LABELS[v.status])}${v.decidedBy ? ` · ${v.decidedBy}` : ''}`}
                      description={`${v.reason}${v.decisionNote ? `；${v.decisionNote}` : ''}`}
                    />
                  </List.Item>
                )}
              />
              {r.allowedActions.includes('requestReveal') && <Button onClick={() => setAsking(true)}>{t('revealAsk')}</Button>}
            </Card>
          )}
          <Card size="small" title={t('history')}>
            <Timeline
              items={r.transitions.map((x) => ({
                color: x.action === 'escalate' ? 'red' : 'blue',
                children: (
                  <>
                    {pick(lang, stepLabel(x.action))} · {actorLabel(x.actor, lang)} · {formatTime(x.at, lang, x.dayOnly)}
                    {x.reason && <div style={{ color: '#595959' }}>{x.reason}</div>}
                  </>
                ),
              }))}
            />
          </Card>
        </Col>
      </Row>

      <Modal
        open={!!action}
        title={action ? pick(lang, PUBLIC_REPORT_STEP_LABELS[action]) : ''}
        onCancel={() => setAction(null)}
        onOk={() => form.submit()}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={submitStep}>
          {(action === 'reject' || action === 'unsubstantiate') && (
            <Form.Item name="reason" label={t('reportReasonShown')} rules={[{ required: true }]}>
              <Input.TextArea rows={3} maxLength={1000} />
            </Form.Item>
          )}
          {action === 'verify' && (
            <Form.Item name="assignee" label={t('reportAssignee')} extra={t('reportAssigneeHint')}>
              <Input maxLength={50} />
            </Form.Item>
          )}
          {action === 'substantiate' && (
            <>
              <Form.Item name="hazardMode" label={t('reportHazard')}>
                <Radio.Group
                  options={[
                    { value: 'create', label: t('reportHazardCreate') },
                    { value: 'link', label: t('reportHazardLink') },
                    ...(r.category === 'hazard' ? [] : [{ value: 'none', label: t('reportHazardNone') }]),
                  ]}
                />
              </Form.Item>
              <Form.Item noStyle shouldUpdate>
                {() =>
                  form.getFieldValue('hazardMode') === 'create' ? (
                    <>
                      <Form.Item name="hazardDescription" label={t('description')} rules={[{ required: true }]}>
                        <Input.TextArea rows={3} maxLength={2000} />
                      </Form.Item>
                      <Form.Item name="hazardLocation" label={t('reportPlace')}>
                        <Input maxLength={200} />
                      </Form.Item>
                      <Form.Item name="hazardLevel" label={t('hazardLevel')}>
                        <Radio.Group
                          options={[
                            { value: 'general', label: t('general') },
                            { value: 'major', label: t('majorHazard') },
                          ]}
                        />
                      </Form.Item>
                    </>
                  ) : form.getFieldValue('hazardMode') === 'link' ? (
                    <Form.Item name="hazardId" label={t('reportHazardId')} rules={[{ required: true }]}>
                      <Input />
                    </Form.Item>
                  ) : null
                }
              </Form.Item>
            </>
          )}
          {action === 'decideReward' && (
            <>
              <Alert type="info" message={t('reportRewardHint')} style={{ marginBottom: 12 }} />
              <Form.Item name="penalty" label={t('reportPenalty')}>
                <InputNumber min={0} style={{ width: '100%' }} addonAfter="元" />
              </Form.Item>
              {r.category === 'concealedAccident' && (
                <>
                  <Form.Item name="concealedDeaths" label={t('reportConcealedDeaths')}>
                    <InputNumber min={0} style={{ width: '100%' }} />
                  </Form.Item>
                  <Form.Item name="accidentGrade" label={t('reportAccidentGrade')}>
                    <Select options={ACCIDENT_GRADES.map((g) => ({ value: g, label: pick(lang, ACCIDENT_GRADE_LABELS[g]) }))} allowClear />
                  </Form.Item>
                </>
              )}
              <Form.Item name="override" label={t('reportOverride')}>
                <InputNumber min={0} style={{ width: '100%' }} addonAfter="元" />
              </Form.Item>
              <Form.Item name="note" label={t('reportOverrideNote')}>
                <Input maxLength={500} />
              </Form.Item>
            </>
          )}
          {action === 'payReward' && (
            <>
              <Form.Item name="paidOn" label={t('reportPaidOn')} rules={[{ required: true }]}>
                <Input type="date" />
              </Form.Item>
              <Form.Item name="reference" label={t('reportPaymentReference')} rules={[{ required: true }]}>
                <Input maxLength={100} />
              </Form.Item>
            </>
          )}
          {action === 'merge' && (
            <Form.Item name="into" label={t('reportMergeInto')} rules={[{ required: true }]}>
              <Select
                loading={siblings.isLoading}
                options={(siblings.data?.items ?? [])
                  .filter((x) => x.id !== r.id)
                  .map((x) => ({
                    value: x.id,
                    label: `${x.receivedOn} · ${pick(lang, PUBLIC_REPORT_CATEGORY_LABELS[x.category])} · ${x.id.slice(0, 8)}`,
                  }))}
              />
            </Form.Item>
          )}
          {['accept', 'close'].includes(action ?? '') && <Typography.Paragraph>{t('reportConfirmStep')}</Typography.Paragraph>}
        </Form>
      </Modal>

      <Modal open={asking} title={t('revealAsk')} onCancel={() => setAsking(false)} onOk={() => askForm.submit()} destroyOnHidden>
        <Form
          form={askForm}
          layout="vertical"
          onFinish={async (v) => {
            try {
              await api(`/api/v1/reports/${id}/reveal-requests`, { method: 'POST', json: v });
              setAsking(false);
              refresh();
            } catch (e) {
              fail(e, askForm);
            }
          }}
        >
          <Form.Item name="reason" label={t('revealReason')} rules={[{ required: true, min: 5 }]}>
            <Input.TextArea rows={3} maxLength={500} />
          </Form.Item>
        </Form>
      </Modal>
      {r.status === 'merged' && <Alert type="info" message={t('reportIsMerged')} />}
    </Space>
  );
}

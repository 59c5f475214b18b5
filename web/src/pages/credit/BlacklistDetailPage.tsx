// One entry of the serious-discredit list: the subject (a person's ID number masked unless the
// deciding department reads it), the reason and its source, the notice and the objection, the
// decision with the 3-year term and the partner departments notified, the early removal and its
// conditions, the documents (告知书, 决定书, 移出决定书) with a PDF preview, and the timeline. The
// buttons are exactly the server's allowedActions, each opening its step's form.
import {
  BLACKLIST_ACTION_LABELS,
  BLACKLIST_PERSON_ROLE_LABELS,
  BLACKLIST_REASONS,
  BLACKLIST_STATUS_LABELS,
  BLACKLIST_SUBJECT_LABELS,
  type BlacklistAction,
  DOCUMENT_TYPES,
  EARLY_REMOVAL_CONDITION_LABELS,
  EARLY_REMOVAL_CONDITIONS,
} from '@taishan/domain';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Descriptions,
  Form,
  Input,
  Modal,
  Radio,
  Space,
  Table,
  Tag,
  Timeline,
  Tooltip,
  Typography,
} from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { ApiError, formErrors } from '../../api.ts';
import { formatTime, pick, useI18n } from '../../i18n.tsx';
import { ReasonText, StatusTag, subjectCode } from './BlacklistPage.tsx';
import { type BlacklistDetail, type BlacklistDocument, blacklistPdfUrl, blacklistStep, fetchBlacklistEntry } from './blacklist-api.ts';

/** The step's body from the form's values (the version is added by the caller). */
function stepBody(action: BlacklistAction, v: Record<string, unknown>): Record<string, unknown> {
  if (action === 'applyRemoval' || action === 'approveRemoval') {
    const met = (v.checklist as string[] | undefined) ?? [];
    const checklist = Object.fromEntries(EARLY_REMOVAL_CONDITIONS.map((k) => [k, met.includes(k)]));
    return { ...v, checklist };
  }
  return v;
}

function StepFields({ action }: { action: BlacklistAction }) {
  const { t, lang } = useI18n();
  const text = (name: string, label: string, required = true) => (
    <Form.Item name={name} label={label} rules={required ? [{ required: true, message: label }] : []}>
      <Input.TextArea rows={4} maxLength={2000} data-testid={`blacklist-field-${name}`} />
    </Form.Item>
  );
  const checklist = (
    <>
      <Form.Item name="checklist" label={t('blChecklist')} extra={t('blChecklistNote')}>
        <Checkbox.Group
          style={{ display: 'flex', flexDirection: 'column', gap: 4 }}
          options={EARLY_REMOVAL_CONDITIONS.map((k) => ({ value: k, label: pick(lang, EARLY_REMOVAL_CONDITION_LABELS[k]) }))}
          data-testid="blacklist-field-checklist"
        />
      </Form.Item>
    </>
  );
  switch (action) {
    case 'notify':
    case 'decide':
      return text('note', t('blNote'), false);
    case 'recordObjection':
      return text('objection', t('blObjection'));
    case 'handleObjection':
      return (
        <>
          <Form.Item name="upheld" label={t('blUpheld')} rules={[{ required: true, message: t('blUpheld') }]}>
            <Radio.Group
              options={[
                { value: false, label: t('blObjectionRejected') },
                { value: true, label: t('blObjectionUpheld') },
              ]}
              data-testid="blacklist-field-upheld"
            />
          </Form.Item>
          {text('reply', t('blObjectionReply'))}
        </>
      );
    case 'drop':
      return text('reason', t('blDropReason'));
    case 'applyRemoval':
      return (
        <>
          {text('statement', t('blRemovalStatement'))}
          {checklist}
        </>
      );
    case 'approveRemoval':
      return (
        <>
          {checklist}
          {text('note', t('blNote'), false)}
        </>
      );
    case 'rejectRemoval':
      return text('reason', t('blRejectReason'));
    case 'revokeRemoval':
      return text('reason', t('blRevokeReason'));
  }
}

/** The official date as the PDF prints it (Beijing day, Chinese numerals): 二〇二六年十二月七日. */
function officialDay(iso: string): string {
  const digits = '〇一二三四五六七八九';
  const [y = '', m = '', d = ''] = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(iso)).split('-');
  const small = (n: number) => (n < 10 ? digits[n] : `${n >= 20 ? digits[Math.floor(n / 10)] : ''}十${n % 10 ? digits[n % 10] : ''}`);
  return `${[...y].map((c) => digits[Number(c)]).join('')}年${small(Number(m))}月${small(Number(d))}日`;
}

/**
 * A document previewed in a dialog from its frozen text, laid out as the PDF is (the red issuer's
 * mark, the number, the red line, the title, the body, the seal area): the app's pages may not frame
 * a PDF (the CSP allows no frames), so the PDF itself opens in a tab of its own or is downloaded.
 */
function DocumentPreview({ doc, onClose }: { doc: BlacklistDocument | null; onClose: () => void }) {
  const { t } = useI18n();
  const openPdf = async () => {
    if (!doc) return;
    const blob = await fetch(blacklistPdfUrl(doc.id), { credentials: 'same-origin' }).then((r) => r.blob());
    const url = URL.createObjectURL(new Blob([blob], { type: 'application/pdf' }));
    window.open(url, '_blank', 'noopener');
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  };
  return (
    <Modal
      open={!!doc}
      title={doc ? `${doc.title} · ${doc.number}` : ''}
      onCancel={onClose}
      footer={
        doc && (
          <Space>
            <Button onClick={openPdf} data-testid="blacklist-open-pdf">
              {t('blOpenPdf')}
            </Button>
            <Button type="primary" href={blacklistPdfUrl(doc.id)} download>
              {t('blDownload')}
            </Button>
          </Space>
        )
      }
      width={760}
      destroyOnHidden
    >
      {doc && (
        <div
          lang="zh-CN"
          style={{ background: '#fff', border: '1px solid #ddd', padding: '40px 56px', fontSize: 16, lineHeight: 1.9, color: '#000' }}
          data-testid="blacklist-doc-preview"
        >
          <div style={{ color: '#E60012', fontSize: 26, textAlign: 'center', letterSpacing: 2 }}>{doc.issuer}</div>
          <div style={{ textAlign: 'center', marginTop: 8 }}>{doc.number}</div>
          <div style={{ borderTop: '2px solid #E60012', margin: '12px 0 20px' }} />
          <div style={{ fontSize: 20, textAlign: 'center', marginBottom: 16 }}>{doc.title}</div>
          {doc.body.map((p, i) => (
            // The paragraphs are frozen and never reorder; the text itself is the key.
            <p key={p} style={{ textIndent: i === 0 ? 0 : '2em', margin: 0 }}>
              {p}
            </p>
          ))}
          <div style={{ textAlign: 'right', marginTop: 40, paddingRight: '2em' }}>
            <div>{doc.issuer}</div>
            <div>{officialDay(doc.issuedAt)}</div>
          </div>
        </div>
      )}
    </Modal>
  );
}

export function BlacklistDetailPage() {
  const { id = '' } = useParams();
  const { t, lang } = useI18n();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const [action, setAction] = useState<BlacklistAction | null>(null);
  const [refused, setRefused] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [preview, setPreview] = useState<BlacklistDocument | null>(null);
  const q = useQuery({ queryKey: ['blacklist-entry', id], queryFn: () => fetchBlacklistEntry(id) });
  const e = q.data;

  if (q.error) return <Card>{q.error instanceof ApiError && q.error.status === 404 ? t('notFound') : String(q.error)}</Card>;
  if (!e) return <Card loading />;

  const start = (x: BlacklistAction) => {
    form.resetFields();
    setRefused(null);
    if (x === 'handleObjection') form.setFieldsValue({ upheld: false });
    if (x === 'approveRemoval') form.setFieldsValue({ checklist: EARLY_REMOVAL_CONDITIONS.filter((k) => e.removalChecklist[k] === true) });
    setAction(x);
  };
  const submit = async () => {
    if (!action) return;
    const v = await form.validateFields();
    setBusy(true);
    try {
      const next = await blacklistStep(e.id, action, { ...stepBody(action, v), version: e.version });
      qc.setQueryData(['blacklist-entry', id], next);
      await qc.invalidateQueries({ queryKey: ['blacklist'] });
      setAction(null);
      message.success(t('saved'));
    } catch (err) {
      if (err instanceof ApiError) {
        form.setFields(formErrors(err).map((f) => (f.name[0] === 'checklist' ? { ...f, name: ['checklist'] } : f)));
        setRefused(err.message);
        if (err.status === 409 || err.status === 403) await q.refetch();
      } else throw err;
    } finally {
      setBusy(false);
    }
  };
  const reason = BLACKLIST_REASONS.find((r) => r.code === e.reason);
  const day = (v: string | null) => (v ? formatTime(v, lang, true) : '—');
  const sourceLink =
    e.sourceType === 'accident' && e.sourceId ? (
      <Link to={`/accidents/${e.sourceId}`}>{e.sourceRef}</Link>
    ) : e.sourceType === 'case' && e.sourceId ? (
      <Link to={`/enforcement/cases/${e.sourceId}`}>{e.sourceRef}</Link>
    ) : (
      e.sourceRef
    );
  const sourceKind = { accident: 'blSourceAccident', case: 'blSourceCase', report: 'blSourceReport', manual: 'blSourceManual' } as const;

  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle" data-testid="blacklist-detail">
      <Card
        title={
          <Space wrap>
            <span data-testid="blacklist-subject">{e.subjectName}</span>
            <StatusTag status={e.status} />
          </Space>
        }
        extra={<Link to="/credit/blacklist">{t('blBack')}</Link>}
      >
        <Space wrap style={{ marginBottom: 16 }} data-testid="blacklist-actions">
          {e.allowedActions.length === 0 && <Typography.Text type="secondary">{t('blNoActions')}</Typography.Text>}
          {e.allowedActions.map((x, i) => (
            <Button
              key={x}
              type={i === 0 ? 'primary' : 'default'}
              danger={x === 'drop' || x === 'revokeRemoval'}
              onClick={() => start(x)}
              data-testid={`blacklist-step-${x}`}
            >
              {pick(lang, BLACKLIST_ACTION_LABELS[x])}
            </Button>
          ))}
        </Space>
        <Descriptions bordered size="small" column={{ xs: 1, md: 2 }}>
          <Descriptions.Item label={t('blSubjectType')}>{pick(lang, BLACKLIST_SUBJECT_LABELS[e.subjectType])}</Descriptions.Item>
          <Descriptions.Item label={e.subjectType === 'person' ? t('blPersonId') : t('blUscc')}>
            <span data-testid="blacklist-code">{subjectCode(e)}</span>
          </Descriptions.Item>
          {e.subjectType === 'person' && (
            <Descriptions.Item label={t('blPersonRole')}>
              {e.personRole ? pick(lang, BLACKLIST_PERSON_ROLE_LABELS[e.personRole]) : '—'}
            </Descriptions.Item>
          )}
          <Descriptions.Item label={t('blReason')} span={2}>
            <Space direction="vertical" size={2}>
              <ReasonText e={e} />
              {reason && (
                <Typography.Text type="secondary">
                  {t('blReason')} {reason.number}: {pick(lang, reason)}
                </Typography.Text>
              )}
            </Space>
          </Descriptions.Item>
          <Descriptions.Item label={t('blSource')}>
            <Space size={4}>
              <Tag>{t(sourceKind[e.sourceType])}</Tag>
              {sourceLink}
            </Space>
          </Descriptions.Item>
          <Descriptions.Item label={t('blPenaltyRef')}>{e.penaltyDecisionRef ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('blFacts')} span={2}>
            <div style={{ whiteSpace: 'pre-wrap' }}>{e.facts || '—'}</div>
          </Descriptions.Item>
          <Descriptions.Item label={t('blRegion')}>{e.regionName ?? e.regionCode}</Descriptions.Item>
          <Descriptions.Item label={t('blDepartment')}>{e.departmentName ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('blProposedBy')}>
            {e.proposedByName ?? t('blSystem')} · {formatTime(e.proposedAt, lang)}
          </Descriptions.Item>
          <Descriptions.Item label={t('blObjectionDue')}>
            <Space size={4} wrap>
              <span data-testid="blacklist-objection-due">{e.objectionDueOn ?? '—'}</span>
              <Tooltip title={t('blObjectionWindowNote')}>
                <Tag color="warning">{t('blProvisional')}</Tag>
              </Tooltip>
            </Space>
          </Descriptions.Item>
          {e.objection && (
            <Descriptions.Item label={t('blObjection')} span={2}>
              <Space direction="vertical" size={2}>
                <span>{e.objection}</span>
                {e.objectionUpheld !== null && (
                  <span>
                    <Tag color={e.objectionUpheld ? 'green' : 'red'}>
                      {e.objectionUpheld ? t('blObjectionUpheld') : t('blObjectionRejected')}
                    </Tag>
                    {e.objectionReply}
                  </span>
                )}
              </Space>
            </Descriptions.Item>
          )}
          {e.listedAt && (
            <>
              <Descriptions.Item label={t('blListedAt')}>
                <span data-testid="blacklist-listed-at">{day(e.listedAt)}</span>
              </Descriptions.Item>
              <Descriptions.Item label={t('blExpiresAt')}>
                <span data-testid="blacklist-expires-at">{day(e.expiresAt)}</span>
              </Descriptions.Item>
              <Descriptions.Item label={t('blDecidedBy')}>{e.decidedByName ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t('blEarlyRemovalFrom')}>{day(e.earlyRemovalFrom)}</Descriptions.Item>
            </>
          )}
          {e.removalAppliedAt && (
            <Descriptions.Item label={t('blRemovalApplied')} span={2}>
              <Space direction="vertical" size={2}>
                <span>
                  {formatTime(e.removalAppliedAt, lang)} · {e.removalStatement}
                </span>
                <span>
                  {EARLY_REMOVAL_CONDITIONS.map((k) => (
                    <Tag key={k} color={e.removalChecklist[k] ? 'green' : 'default'}>
                      {pick(lang, EARLY_REMOVAL_CONDITION_LABELS[k])}
                    </Tag>
                  ))}
                </span>
              </Space>
            </Descriptions.Item>
          )}
          {e.removedAt && (
            <Descriptions.Item label={t('blRemoved')}>
              {day(e.removedAt)} {e.removalReason ?? ''}
            </Descriptions.Item>
          )}
          {e.revokedAt && (
            <Descriptions.Item label={t('blRevoked')}>
              {day(e.revokedAt)} {e.revokeReason}
            </Descriptions.Item>
          )}
          {e.droppedAt && (
            <Descriptions.Item label={t('blDropped')} span={2}>
              {day(e.droppedAt)} {e.dropReason}
            </Descriptions.Item>
          )}
          {e.partnerNotices.length > 0 && (
            <Descriptions.Item label={t('blPartners')} span={2}>
              <Space direction="vertical" size={2} data-testid="blacklist-partners">
                <span>
                  {e.partnerNotices.map((p) => (
                    <Tag key={p.department}>{p.department}</Tag>
                  ))}
                </span>
                <Typography.Text type="secondary">
                  {t('blPartnersNote')} · {formatTime(e.partnerNotices[0]?.at ?? '', lang)}
                </Typography.Text>
              </Space>
            </Descriptions.Item>
          )}
        </Descriptions>
      </Card>

      <Card title={t('blDocuments')} size="small">
        <Table<BlacklistDocument>
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={e.documents}
          data-testid="blacklist-documents"
          columns={[
            { title: t('blDocTitle'), dataIndex: 'kind', render: (k: BlacklistDocument['kind']) => pick(lang, DOCUMENT_TYPES[k]) },
            { title: t('blDocNumber'), dataIndex: 'number', render: (v: string) => <span data-testid="blacklist-doc-number">{v}</span> },
            { title: t('blDocIssuedAt'), dataIndex: 'issuedAt', render: (v: string) => formatTime(v, lang, true) },
            {
              title: t('actions'),
              key: 'actions',
              render: (_, d) => (
                <Space>
                  <Button size="small" onClick={() => setPreview(d)} data-testid={`blacklist-preview-${d.kind}`}>
                    {t('blPreview')}
                  </Button>
                  <Button size="small" href={blacklistPdfUrl(d.id)} download>
                    {t('blDownload')}
                  </Button>
                </Space>
              ),
            },
          ]}
        />
      </Card>

      <Card title={t('blTimeline')} size="small">
        <Timeline
          items={e.events.map((ev) => ({
            children: (
              <Space direction="vertical" size={0}>
                <span>
                  {formatTime(ev.at, lang)} · {ev.actorName ?? t('blSystem')} ·{' '}
                  {ev.action in BLACKLIST_ACTION_LABELS
                    ? pick(lang, BLACKLIST_ACTION_LABELS[ev.action as BlacklistAction])
                    : pick(lang, BLACKLIST_STATUS_LABELS[ev.to as BlacklistDetail['status']])}
                </span>
                {ev.note && <Typography.Text type="secondary">{ev.note}</Typography.Text>}
              </Space>
            ),
          }))}
        />
      </Card>

      <Modal
        open={action !== null}
        title={action ? pick(lang, BLACKLIST_ACTION_LABELS[action]) : ''}
        onCancel={() => setAction(null)}
        onOk={submit}
        okText={t('submit')}
        cancelText={t('cancel')}
        confirmLoading={busy}
        destroyOnHidden
      >
        {refused && <Alert type="error" showIcon style={{ marginBottom: 12 }} message={refused} data-testid="blacklist-step-refused" />}
        <Form form={form} layout="vertical">
          {action && <StepFields action={action} />}
        </Form>
      </Modal>
      <DocumentPreview doc={preview} onClose={() => setPreview(null)} />
    </Space>
  );
}

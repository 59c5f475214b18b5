// One emergency plan: its GB/T 29639 sections as fields (editable while a draft), the key posts of
// an on-site plan (its response cards), linked risks, the annexes (text, and the supplies and
// contact lists drawn from the platform's records), the review by the rule (评审 or 论证), the
// principal's signature, publication, versions (earlier ones read-only), filings with their
// documents, revision triggers and the timeline. The buttons are exactly the server's
// allowedActions, each opening its step's form. Owner: plans.
import {
  EMERGENCY_PLAN_ACTION_LABELS,
  EMERGENCY_PLAN_TYPE_LABELS,
  type EmergencyPlanAction,
  FILING_MATERIAL_LABELS,
  FILING_MATERIALS,
  FILING_STATUS_LABELS,
  type FilingAction,
  PLAN_ANNEXES,
  REVIEW_KIND_LABELS,
  REVIEW_REASON_LABELS,
  type ReviewReason,
  TRIGGER_KIND_LABELS,
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
  Select,
  Space,
  Table,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { ApiError, formErrors } from '../../api.ts';
import { formatTime, pick, useI18n } from '../../i18n.tsx';
import { FilingCell, PlanStatusTag } from './PlansPage.tsx';
import {
  cardsPdfUrl,
  editPlan,
  type Filing,
  fetchPlan,
  fetchPlanVersion,
  filingStep,
  type PlanDetail,
  planDocumentPdfUrl,
  planPdfUrl,
  planStep,
} from './plans-api.ts';

const todayIso = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());

function StepFields({ action, plan }: { action: EmergencyPlanAction | FilingAction; plan: PlanDetail }) {
  const { t, lang } = useI18n();
  const text = (name: string, label: string, required = true, rows = 3) => (
    <Form.Item name={name} label={label} rules={required ? [{ required: true, message: label }] : []}>
      <Input.TextArea rows={rows} maxLength={5000} data-testid={`plan-field-${name}`} />
    </Form.Item>
  );
  const date = (name: string, label: string) => (
    <Form.Item name={name} label={label} rules={[{ required: true, message: label }]}>
      <Input type="date" max={todayIso()} data-testid={`plan-field-${name}`} />
    </Form.Item>
  );
  const materials = (
    <Form.Item name="materials" label={t('emPlMaterials')}>
      <Checkbox.Group options={FILING_MATERIALS.map((m) => ({ value: m, label: pick(lang, FILING_MATERIAL_LABELS[m]) }))} />
    </Form.Item>
  );
  switch (action) {
    case 'recordReview':
      return (
        <>
          <Alert
            type="info"
            style={{ marginBottom: 12 }}
            message={`${t('emPlReviewRule')}${pick(lang, REVIEW_KIND_LABELS[plan.requiredReviewKind])}${
              plan.reviewReasons.length
                ? `（${plan.reviewReasons.map((r) => pick(lang, REVIEW_REASON_LABELS[r as ReviewReason])).join('、')}）`
                : ''
            }`}
          />
          <Form.Item name="reviewKind" label={t('emPlReviewKind')} rules={[{ required: true }]}>
            <Select options={(['review', 'demonstration'] as const).map((k) => ({ value: k, label: pick(lang, REVIEW_KIND_LABELS[k]) }))} />
          </Form.Item>
          {date('reviewedOn', t('emPlReviewedOn'))}
          {text('experts', t('emPlExperts'), true, 2)}
          {text('minutes', t('emPlMinutes'))}
          {text('opinion', t('emPlOpinion'), false)}
        </>
      );
    case 'sign':
      return (
        <Form.Item name="principalName" label={t('emPlPrincipal')} rules={[{ required: true, message: t('emPlPrincipal') }]}>
          <Input maxLength={50} data-testid="plan-field-principalName" />
        </Form.Item>
      );
    case 'publish':
      return date('publishedOn', t('emPlPublishedOn'));
    case 'revise':
    case 'abolish':
      return text('reason', t('emPlReason'));
    case 'evaluate':
      return (
        <>
          {date('evaluatedOn', t('emPlEvaluatedOn'))}
          {text('conclusion', t('emPlConclusion'))}
        </>
      );
    case 'recordTrigger':
      return (
        <>
          <Form.Item name="kind" label={t('emPlTriggerKind')} rules={[{ required: true, message: t('emPlTriggerKind') }]}>
            <Select options={Object.entries(TRIGGER_KIND_LABELS).map(([k, l]) => ({ value: k, label: pick(lang, l) }))} />
          </Form.Item>
          {text('note', t('emPlNote'))}
        </>
      );
    case 'submitFiling':
    case 'resubmit':
      return materials;
    case 'accept':
      return text('note', t('emPlNote'), false);
    case 'returnForItems':
      return text('missingItems', t('emPlMissingItems'), true, 5);
    default:
      return null;
  }
}

function stepBody(action: string, v: Record<string, unknown>) {
  if (action === 'submitFiling' || action === 'resubmit') {
    const chosen = (v.materials as string[] | undefined) ?? [];
    return { materials: Object.fromEntries(chosen.map((m) => [m, true])) };
  }
  if (action === 'returnForItems')
    return {
      missingItems: String(v.missingItems ?? '')
        .split('\n')
        .map((s) => s.trim())
        .filter(Boolean),
    };
  return v;
}

function VersionDialog({ planId, n, onClose }: { planId: string; n: number | null; onClose: () => void }) {
  const { t, lang } = useI18n();
  const q = useQuery({
    queryKey: ['emergency-plan-version', planId, n],
    queryFn: () => fetchPlanVersion(planId, n as number),
    enabled: n !== null,
  });
  return (
    <Modal
      open={n !== null}
      title={`${t('emPlReadOnly')} · v${n}`}
      onCancel={onClose}
      footer={<Button href={planPdfUrl(planId, n ?? undefined)}>{t('emPlPdf')}</Button>}
      width={760}
    >
      {q.data && (
        <Descriptions column={1} bordered size="small">
          {q.data.sectionDefs.map((s) => (
            <Descriptions.Item key={s.key} label={`${s.clause} ${pick(lang, s)}`}>
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{q.data.sections[s.key] ?? '—'}</Typography.Paragraph>
            </Descriptions.Item>
          ))}
        </Descriptions>
      )}
    </Modal>
  );
}

/** A timeline event in words: a plan's step, a filing's (filing.accept …), its creation, or the deemed filing. */
const EVENT_LABELS: Record<string, { zh: string; en: string }> = {
  ...EMERGENCY_PLAN_ACTION_LABELS,
  create: { zh: '创建预案', en: 'Plan created' },
  deem: { zh: '视为已备案', en: 'Deemed filed' },
};
const eventLabel = (action: string, lang: 'zh' | 'en') => {
  const l = EVENT_LABELS[action.replace(/^filing\./, '')];
  return l ? pick(lang, l) : action;
};

export function PlanDetailPage() {
  const { id = '' } = useParams();
  const { t, lang } = useI18n();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const [content] = Form.useForm();
  const [action, setAction] = useState<{ kind: 'plan'; a: EmergencyPlanAction } | { kind: 'filing'; a: FilingAction; f: Filing } | null>(
    null,
  );
  const [refused, setRefused] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [version, setVersion] = useState<number | null>(null);
  const q = useQuery({ queryKey: ['emergency-plan', id], queryFn: () => fetchPlan(id) });
  const p = q.data;
  if (q.error) return <Card>{q.error instanceof ApiError && q.error.status === 404 ? t('notFound') : String(q.error)}</Card>;
  if (!p) return <Card loading />;
  const editable = p.allowedActions.includes('edit');

  const after = async (next?: PlanDetail) => {
    if (next) qc.setQueryData(['emergency-plan', id], next);
    else await q.refetch();
    await qc.invalidateQueries({ queryKey: ['emergency-plans'] });
    message.success(t('saved'));
  };
  const submit = async () => {
    if (!action) return;
    const v = await form.validateFields();
    setBusy(true);
    try {
      if (action.kind === 'plan') {
        const body = { ...stepBody(action.a, v), ...(action.a === 'recordTrigger' ? {} : { version: p.version }) };
        await after(await planStep(p.id, action.a, body));
      } else {
        await filingStep(action.f.id, action.a, { ...stepBody(action.a, v), version: action.f.version });
        await after();
      }
      setAction(null);
    } catch (err) {
      if (err instanceof ApiError) {
        form.setFields(formErrors(err, 'top'));
        setRefused(err.message);
        if (err.status === 409 || err.status === 403) await q.refetch();
      } else throw err;
    } finally {
      setBusy(false);
    }
  };
  const save = async () => {
    const v = content.getFieldsValue(true) as {
      title: string;
      sections: Record<string, string>;
      annexes: Record<string, string>;
      posts?: { post: string; duties?: string; steps?: string; reportTo?: string; phone?: string; cautions?: string }[];
      riskPointIds: string[];
      installationIds: string[];
    };
    setBusy(true);
    try {
      const posts = (v.posts ?? []).map((x) => ({
        post: x.post ?? '',
        duties: x.duties ?? '',
        steps: String(x.steps ?? '')
          .split('\n')
          .map((s) => s.trim())
          .filter(Boolean),
        reportTo: x.reportTo ?? '',
        phone: x.phone ?? '',
        cautions: x.cautions ?? '',
      }));
      const clean = (o: Record<string, string> = {}) => Object.fromEntries(Object.entries(o).map(([k, s]) => [k, s ?? '']));
      await after(
        await editPlan(p.id, {
          version: p.version,
          title: v.title,
          sections: clean(v.sections),
          annexes: clean(v.annexes),
          ...(p.planType === 'onSite' ? { posts } : {}),
          riskPointIds: v.riskPointIds ?? [],
          installationIds: v.installationIds ?? [],
        }),
      );
    } catch (err) {
      if (err instanceof ApiError) {
        content.setFields(formErrors(err));
        message.error(err.message);
      } else throw err;
    } finally {
      setBusy(false);
    }
  };
  const start = (x: typeof action) => {
    form.resetFields();
    setRefused(null);
    if (x?.kind === 'plan' && x.a === 'recordReview') form.setFieldsValue({ reviewKind: p.requiredReviewKind, reviewedOn: todayIso() });
    if (x?.kind === 'plan' && (x.a === 'publish' || x.a === 'evaluate'))
      form.setFieldsValue({ publishedOn: todayIso(), evaluatedOn: todayIso() });
    setAction(x);
  };

  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle" data-testid="plan-detail">
      <Card
        title={
          <Space wrap>
            <span data-testid="plan-title-text">{p.title}</span>
            <Tag>{pick(lang, EMERGENCY_PLAN_TYPE_LABELS[p.planType])}</Tag>
            <PlanStatusTag status={p.status} />
            <Tag>v{p.planVersion}</Tag>
          </Space>
        }
        extra={<Link to="/emergency/plans">{t('emPlBack')}</Link>}
      >
        <Space wrap style={{ marginBottom: 16 }} data-testid="plan-actions">
          {p.allowedActions.filter((a) => a !== 'edit').length === 0 && (
            <Typography.Text type="secondary">{t('emPlNoActions')}</Typography.Text>
          )}
          {p.allowedActions
            .filter((a) => a !== 'edit')
            .map((a, i) => (
              <Button
                key={a}
                type={i === 0 ? 'primary' : 'default'}
                danger={a === 'abolish'}
                onClick={() => start({ kind: 'plan', a })}
                data-testid={`plan-step-${a}`}
              >
                {pick(lang, EMERGENCY_PLAN_ACTION_LABELS[a])}
              </Button>
            ))}
          <Button href={planPdfUrl(p.id)}>{t('emPlPdf')}</Button>
          {p.planType === 'onSite' && (
            <>
              <Link to={`/emergency/plans/${p.id}/cards`}>
                <Button>{t('emPlCards')}</Button>
              </Link>
              <Button href={cardsPdfUrl(p.id)}>{t('emPlCardsPdf')}</Button>
            </>
          )}
        </Space>
        <Descriptions column={{ xs: 1, md: 3 }} size="small" bordered>
          <Descriptions.Item label={t('emPlOwner')}>{p.enterpriseName ?? p.departmentName}</Descriptions.Item>
          <Descriptions.Item label={t('emPlPublishedOn')}>{p.publishedOn ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('emPlFiling')}>
            <FilingCell p={p} />
          </Descriptions.Item>
          <Descriptions.Item label={t('emPlReview')}>
            {p.review.kind
              ? `${pick(lang, REVIEW_KIND_LABELS[p.review.kind])} ${p.review.reviewedOn ?? ''}`
              : `（${pick(lang, REVIEW_KIND_LABELS[p.requiredReviewKind])}）`}
          </Descriptions.Item>
          <Descriptions.Item label={t('emPlPrincipal')}>{p.principalName ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('emPlEvaluationDue')}>
            {p.evaluationDueOn ?? '—'} {p.evaluationOverdue && <Tag color="red">{t('emPlEvaluationOverdue')}</Tag>}
          </Descriptions.Item>
        </Descriptions>
        {p.review.minutes && (
          <Typography.Paragraph style={{ marginTop: 12, whiteSpace: 'pre-wrap' }}>
            <b>{t('emPlMinutes')}：</b>
            {p.review.minutes}
          </Typography.Paragraph>
        )}
      </Card>

      <Card
        title={t('emPlSections')}
        extra={
          editable && (
            <Button type="primary" onClick={save} loading={busy} data-testid="plan-save">
              {t('emPlSave')}
            </Button>
          )
        }
      >
        <Form
          form={content}
          layout="vertical"
          disabled={!editable}
          initialValues={{
            title: p.title,
            sections: p.sections,
            annexes: p.annexes,
            posts: p.posts.map((x) => ({ ...x, steps: x.steps.join('\n') })),
            riskPointIds: p.links.riskPoints.map((r) => r.id),
            installationIds: p.links.installations.map((r) => r.id),
          }}
          key={`${p.id}-${p.version}`}
        >
          <Form.Item name="title" label={t('emPlPlanTitle')}>
            <Input maxLength={200} />
          </Form.Item>
          {p.sectionDefs.map((s) => (
            <Form.Item
              key={s.key}
              name={['sections', s.key]}
              label={`${s.clause} ${pick(lang, s)}${p.refilingSections.includes(s.key) ? ` · ${t('emPlRefiling')}` : ''}`}
            >
              <Input.TextArea autoSize={{ minRows: 2, maxRows: 12 }} maxLength={20000} data-testid={`plan-section-${s.key}`} />
            </Form.Item>
          ))}
          {p.planType === 'onSite' && (
            <Form.List name="posts">
              {(fields, { add, remove }) => (
                <Card
                  size="small"
                  title={t('emPlPosts')}
                  extra={editable && <Button onClick={() => add({ post: '' })}>{t('emPlAddPost')}</Button>}
                >
                  {fields.map((f) => (
                    <Card
                      key={f.key}
                      size="small"
                      style={{ marginBottom: 8 }}
                      extra={
                        editable && (
                          <Button danger size="small" onClick={() => remove(f.name)}>
                            ×
                          </Button>
                        )
                      }
                    >
                      <Space wrap>
                        <Form.Item name={[f.name, 'post']} label={t('emPlPost')}>
                          <Input maxLength={60} />
                        </Form.Item>
                        <Form.Item name={[f.name, 'reportTo']} label={t('emPlReportTo')}>
                          <Input maxLength={60} />
                        </Form.Item>
                        <Form.Item name={[f.name, 'phone']} label={t('emPlPhone')}>
                          <Input maxLength={40} />
                        </Form.Item>
                      </Space>
                      <Form.Item name={[f.name, 'duties']} label={t('emPlDuties')}>
                        <Input.TextArea autoSize maxLength={500} />
                      </Form.Item>
                      <Form.Item name={[f.name, 'steps']} label={t('emPlSteps')}>
                        <Input.TextArea autoSize={{ minRows: 3 }} />
                      </Form.Item>
                      <Form.Item name={[f.name, 'cautions']} label={t('emPlCautions')}>
                        <Input.TextArea autoSize maxLength={500} />
                      </Form.Item>
                    </Card>
                  ))}
                </Card>
              )}
            </Form.List>
          )}
          {p.ownerKind === 'enterprise' && (
            <Space wrap style={{ marginTop: 12, width: '100%' }}>
              <Form.Item name="riskPointIds" label={t('emPlRiskPoints')} style={{ minWidth: 320 }}>
                <Select mode="multiple" options={p.links.candidates.riskPoints.map((r) => ({ value: r.id, label: r.name }))} />
              </Form.Item>
              <Form.Item name="installationIds" label={t('emPlInstallations')} style={{ minWidth: 320 }}>
                <Select mode="multiple" options={p.links.candidates.installations.map((r) => ({ value: r.id, label: r.name }))} />
              </Form.Item>
            </Space>
          )}
          <Typography.Title level={5}>{t('emPlAnnexes')}</Typography.Title>
          {PLAN_ANNEXES.map((s) => (
            <Form.Item key={s.key} name={['annexes', s.key]} label={`${s.clause} ${pick(lang, s)}`}>
              <Input.TextArea autoSize={{ minRows: 1, maxRows: 8 }} maxLength={20000} />
            </Form.Item>
          ))}
        </Form>
      </Card>

      <Card title={t('emPlSupplies')} size="small">
        <Table
          size="small"
          rowKey={(r) => `${r.warehouse}-${r.item}`}
          dataSource={p.supplies}
          pagination={false}
          columns={[
            { title: lang === 'zh' ? '物资' : 'Item', render: (_, r) => `${r.item}${r.spec ? `（${r.spec}）` : ''}` },
            { title: lang === 'zh' ? '数量' : 'Quantity', render: (_, r) => `${r.quantity} ${r.unit}` },
            { title: lang === 'zh' ? '存放地点' : 'Warehouse', dataIndex: 'warehouse' },
            { title: lang === 'zh' ? '责任人' : 'Keeper', render: (_, r) => `${r.contactName} ${r.contactPhone}` },
          ]}
        />
      </Card>
      <Card title={t('emPlContacts')} size="small">
        <Table
          size="small"
          rowKey={(r) => `${r.role}-${r.name}`}
          dataSource={p.contacts}
          pagination={false}
          columns={[
            { title: lang === 'zh' ? '职务' : 'Role', dataIndex: 'role' },
            { title: lang === 'zh' ? '姓名' : 'Name', dataIndex: 'name' },
            { title: t('emPlPhone'), dataIndex: 'phone' },
          ]}
        />
      </Card>

      <Card title={t('emPlFilings')} size="small">
        <Table<Filing>
          size="small"
          rowKey="id"
          dataSource={p.filings}
          pagination={false}
          columns={[
            { title: t('emPlVersion'), dataIndex: 'planVersion' },
            {
              title: t('emPlStatus'),
              dataIndex: 'status',
              render: (s: Filing['status']) => <Tag>{pick(lang, FILING_STATUS_LABELS[s])}</Tag>,
            },
            { title: lang === 'zh' ? '提交日期' : 'Submitted', dataIndex: 'submittedOn' },
            { title: t('emPlAnswerDue'), dataIndex: 'answerDueOn' },
            { title: t('emPlRecordNumber'), dataIndex: 'recordNumber', render: (v: string | null) => v ?? '—' },
            { title: t('emPlMissingItems'), dataIndex: 'missingItems', render: (v: string[]) => v.join('；') || '—' },
            {
              title: '',
              render: (_, f) => (
                <Space>
                  {f.allowedActions.map((a) => (
                    <Button key={a} size="small" onClick={() => start({ kind: 'filing', a, f })} data-testid={`filing-step-${a}`}>
                      {pick(lang, EMERGENCY_PLAN_ACTION_LABELS[a])}
                    </Button>
                  ))}
                </Space>
              ),
            },
          ]}
        />
        {p.documents.length > 0 && (
          <Space wrap style={{ marginTop: 8 }}>
            {t('emPlDocuments')}：
            {p.documents.map((d) => (
              <a key={d.id} href={planDocumentPdfUrl(d.id)} data-testid="plan-document">
                {d.title} {d.number}
              </a>
            ))}
          </Space>
        )}
      </Card>

      <Card title={t('emPlVersions')} size="small">
        <Space wrap>
          {p.versions.map((v) => (
            <Button key={v.planVersion} size="small" onClick={() => setVersion(v.planVersion)}>
              v{v.planVersion} · {v.publishedOn}
            </Button>
          ))}
        </Space>
      </Card>

      <Card title={t('emPlTriggers')} size="small">
        <Table
          size="small"
          rowKey="id"
          dataSource={p.triggers}
          pagination={false}
          columns={[
            {
              title: t('emPlTriggerKind'),
              dataIndex: 'kind',
              render: (k: string) => pick(lang, TRIGGER_KIND_LABELS[k] ?? { zh: k, en: k }),
            },
            { title: t('emPlNote'), dataIndex: 'note' },
            {
              title: t('emPlStatus'),
              dataIndex: 'status',
              render: (s: string) => (
                <Tag color={s === 'open' ? 'orange' : 'green'}>
                  {s === 'open' ? (lang === 'zh' ? '待修订' : 'Open') : lang === 'zh' ? '已修订' : 'Resolved'}
                </Tag>
              ),
            },
            { title: '', dataIndex: 'createdAt', render: (v: string) => formatTime(v, lang) },
          ]}
        />
      </Card>

      <Card title={t('emPlTimeline')} size="small">
        <Timeline
          items={p.events.map((e) => ({
            children: `${formatTime(e.at, lang)} · ${e.actorName ?? t('emPlSystemActor')} · ${eventLabel(e.action, lang)}${e.note ? ` · ${e.note}` : ''}`,
          }))}
        />
      </Card>

      <Modal
        open={!!action}
        title={action ? pick(lang, EMERGENCY_PLAN_ACTION_LABELS[action.a]) : ''}
        onCancel={() => setAction(null)}
        onOk={submit}
        confirmLoading={busy}
        destroyOnHidden
      >
        {refused && <Alert type="error" message={refused} style={{ marginBottom: 12 }} data-testid="plan-refused" />}
        <Form form={form} layout="vertical">
          {action && <StepFields action={action.a} plan={p} />}
        </Form>
      </Modal>
      <VersionDialog planId={p.id} n={version} onClose={() => setVersion(null)} />
    </Space>
  );
}

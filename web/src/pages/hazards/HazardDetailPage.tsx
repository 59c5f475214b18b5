// One hazard: facts, the five fixes (editable by the enterprise until acceptance), photos, the
// steps this user may take now (from the server), listing, and the full history. The hazard
// dossier (一患一档) is a PDF the server renders (GET /api/v1/hazards/:id/dossier.pdf).
import {
  ACTIONS_NEEDING_REASON,
  actorLabel,
  HAZARD_ACTION_LABELS,
  type HazardAction,
  type HazardDetail,
  type HazardRecord,
  hazardStepLabel,
  TIER_LABELS,
  TIER_LEVEL_LABELS,
  type Tier,
} from '@taishan/domain';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Descriptions,
  Form,
  Grid,
  Image,
  Input,
  InputNumber,
  Modal,
  Result,
  Space,
  Timeline,
  Upload,
} from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { useParams } from 'react-router';
import { ApiError, api, formErrors } from '../../api.ts';
import { formatTime, type MessageKey, pick, useI18n } from '../../i18n.tsx';
import { HazardLevelTag, ListedTierLabel, StatusTag } from './HazardTags.tsx';

/** The fields a refused step names (the five fixes still missing, a missing reason), by their labels. */
const FIELD_LABELS = {
  owner: 'owner',
  measures: 'measures',
  funds: 'funds',
  deadline: 'deadline',
  contingency: 'contingency',
  reason: 'reason',
} as const satisfies Record<string, MessageKey>;
type FieldName = keyof typeof FIELD_LABELS;

export function HazardDetailPage() {
  const { id } = useParams();
  const { t, lang } = useI18n();
  const phone = !Grid.useBreakpoint().md;
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const [reasonFor, setReasonFor] = useState<HazardAction | null>(null);
  const [reason, setReason] = useState('');
  const [listing, setListing] = useState(false);
  const [listingForm] = Form.useForm();
  const q = useQuery({ queryKey: ['hazard', id], queryFn: () => api<HazardDetail>(`/api/v1/hazards/${id}`), retry: false });
  const h = q.data;
  useEffect(() => {
    if (h) form.setFieldsValue({ ...h, deadline: h.deadline ? dayjs(h.deadline) : undefined });
  }, [h, form]);
  if (q.error) return <Result status="404" title={t('notFound')} />;
  const refresh = () => {
    qc.invalidateQueries({ queryKey: ['hazard', id] });
    qc.invalidateQueries({ queryKey: ['hazards'] });
  };
  // Keep the page's copy (and its version) current from each response, so a quick next click
  // never sends a stale version.
  const merge = (saved: Partial<HazardDetail>) =>
    qc.setQueryData<HazardDetail>(['hazard', id], (old) => (old ? { ...old, ...saved } : old));
  const act = async (action: HazardAction, extra: object = {}) => {
    try {
      // No version: the server refuses a step that the current status does not allow, which is the
      // check that matters; a stale photo list must not block a legitimate step.
      merge(await api<HazardDetail>(`/api/v1/hazards/${id}/transitions`, { method: 'POST', json: { action, ...extra } }));
      message.success(t('saved'));
      refresh();
    } catch (e) {
      message.error(
        e instanceof ApiError
          ? [e.message, ...Object.keys(e.fields).map((k) => (Object.hasOwn(FIELD_LABELS, k) ? t(FIELD_LABELS[k as FieldName]) : k))].join(
              '：',
            )
          : String(e),
      );
    }
  };
  const photoUrl = (key: string) => `/api/v1/hazards/${id}/${key}`;
  // On a phone the steps sit under the title, not beside it: beside it they squeeze the title out.
  const actions = h && (
    <Space wrap className="no-print" style={phone ? { marginBottom: 12 } : undefined} data-testid="hazard-actions">
      {h.allowedActions.map((a) => (
        <Button
          key={a}
          type={a === 'cancel' || a === 'sendBack' ? 'default' : 'primary'}
          danger={a === 'cancel'}
          data-testid={`action-${a}`}
          onClick={() => (ACTIONS_NEEDING_REASON.includes(a) ? setReasonFor(a) : act(a))}
        >
          {pick(lang, HAZARD_ACTION_LABELS[a])}
        </Button>
      ))}
      {h.canList && <Button onClick={() => setListing(true)}>{t('listHazard')}</Button>}
      <Button href={`/api/v1/hazards/${h.id}/dossier.pdf`} download data-testid="dossier">
        {t('dossier')}
      </Button>
    </Space>
  );
  return (
    <Card
      loading={q.isLoading}
      title={
        h ? (
          <span data-testid="hazard-title" style={phone ? { whiteSpace: 'normal' } : undefined}>
            {t('hazard')} · {h.enterpriseName}
          </span>
        ) : (
          ''
        )
      }
      extra={phone ? undefined : actions}
    >
      {h && (
        <>
          {phone && actions}
          {h.overdue && (
            <Alert
              type="error"
              showIcon
              message={
                h.escalatedTier && Object.hasOwn(TIER_LEVEL_LABELS, h.escalatedTier)
                  ? t('overdueEscalatedTo', { tier: pick(lang, TIER_LEVEL_LABELS[h.escalatedTier as Tier]) })
                  : t('overdue')
              }
              style={{ marginBottom: 12 }}
            />
          )}
          <Descriptions bordered size="small" column={{ xs: 1, md: 2 }} data-testid="hazard-detail">
            <Descriptions.Item label={t('hazardNumber')} span={2}>
              <span data-testid="hazard-number">{h.number ?? '—'}</span>
            </Descriptions.Item>
            <Descriptions.Item label={t('description')}>{h.description}</Descriptions.Item>
            <Descriptions.Item label={t('status')}>
              <StatusTag status={h.status} /> <HazardLevelTag level={h.level} />
            </Descriptions.Item>
            <Descriptions.Item label={t('location')}>{h.location}</Descriptions.Item>
            <Descriptions.Item label={t('foundTier')}>
              {pick(lang, TIER_LABELS[h.foundTier])} · {actorLabel(h.foundBy, lang)}
            </Descriptions.Item>
            {h.listedTier && (
              <Descriptions.Item label={t('listed')}>
                <ListedTierLabel tier={h.listedTier} /> · {h.listingOfficer} · {h.listingDeadline}
              </Descriptions.Item>
            )}
          </Descriptions>
          <Card size="small" title={t('fiveFixes')} style={{ marginTop: 16 }}>
            {h.canEditFixes ? (
              // Each label points at its control (htmlFor = the control's id); the five fixes are
              // required (marked), errors show at their fields and focus goes to the first one; a
              // failed save says so and never "已保存" (issue 22 item 18).
              <Form
                form={form}
                layout="vertical"
                data-testid="five-fixes"
                scrollToFirstError={{ focus: true }}
                onFinish={async (v) => {
                  let saved: HazardRecord;
                  try {
                    saved = await api<HazardRecord>(`/api/v1/hazards/${id}`, {
                      method: 'PATCH',
                      json: {
                        ...v,
                        deadline: v.deadline ? (v.deadline as dayjs.Dayjs).format('YYYY-MM-DD') : undefined,
                        version: h.version,
                      },
                    });
                  } catch (e) {
                    if (e instanceof ApiError) form.setFields(formErrors(e));
                    message.error((e as Error).message);
                    return;
                  }
                  merge(saved);
                  message.success(t('saved'));
                  refresh();
                }}
              >
                <Space wrap>
                  <Form.Item name="owner" label={t('owner')} htmlFor="fix-owner" rules={[{ required: true, whitespace: true }]}>
                    <Input id="fix-owner" maxLength={100} style={{ width: 160 }} />
                  </Form.Item>
                  <Form.Item name="funds" label={t('funds')} htmlFor="fix-funds" rules={[{ required: true }]}>
                    <InputNumber id="fix-funds" min={0} style={{ width: 160 }} />
                  </Form.Item>
                  <Form.Item name="deadline" label={t('deadline')} htmlFor="fix-deadline" rules={[{ required: true }]}>
                    <DatePicker id="fix-deadline" />
                  </Form.Item>
                </Space>
                <Form.Item name="measures" label={t('measures')} htmlFor="fix-measures" rules={[{ required: true, whitespace: true }]}>
                  <Input.TextArea id="fix-measures" maxLength={2000} rows={2} />
                </Form.Item>
                <Form.Item
                  name="contingency"
                  label={t('contingency')}
                  htmlFor="fix-contingency"
                  rules={[{ required: true, whitespace: true }]}
                >
                  <Input.TextArea id="fix-contingency" maxLength={2000} rows={2} />
                </Form.Item>
                <Form.Item name="rectificationNote" label={t('rectificationNote')} htmlFor="fix-note">
                  <Input.TextArea id="fix-note" maxLength={2000} rows={2} />
                </Form.Item>
                <Button htmlType="submit" type="primary" data-testid="save-fixes" className="no-print">
                  {t('save')}
                </Button>
              </Form>
            ) : (
              // Read-only: the values as text, readable and printable, not pale disabled inputs.
              <Descriptions size="small" column={{ xs: 1, md: 3 }} data-testid="five-fixes">
                <Descriptions.Item label={t('owner')}>{h.owner ?? '—'}</Descriptions.Item>
                <Descriptions.Item label={t('funds')}>{h.funds ?? '—'}</Descriptions.Item>
                <Descriptions.Item label={t('deadline')}>{h.deadline ?? '—'}</Descriptions.Item>
                <Descriptions.Item label={t('measures')} span={3}>
                  {h.measures ?? '—'}
                </Descriptions.Item>
                <Descriptions.Item label={t('contingency')} span={3}>
                  {h.contingency ?? '—'}
                </Descriptions.Item>
                <Descriptions.Item label={t('rectificationNote')} span={3}>
                  {h.rectificationNote ?? '—'}
                </Descriptions.Item>
              </Descriptions>
            )}
          </Card>
          <Card size="small" title={`${t('evidence')} / ${t('rectificationPhotos')}`} style={{ marginTop: 16 }}>
            <Space wrap>
              {[...h.evidence, ...h.rectificationEvidence].map((k) => (
                <Image key={k} src={photoUrl(k)} width={120} />
              ))}
              {h.canAddPhoto && (
                <Upload
                  accept="image/png,image/jpeg"
                  showUploadList={false}
                  customRequest={async ({ file }) => {
                    const body = new FormData();
                    body.append('file', file as File);
                    try {
                      await api(`/api/v1/hazards/${id}/photos`, { method: 'POST', body });
                      refresh();
                    } catch (e) {
                      message.error((e as Error).message);
                    }
                  }}
                >
                  <Button className="no-print" data-testid="upload-photo">
                    {t('uploadPhoto')}
                  </Button>
                </Upload>
              )}
            </Space>
          </Card>
          <Card size="small" title={t('history')} style={{ marginTop: 16 }}>
            <Timeline
              data-testid="hazard-history"
              items={(h.transitions ?? []).map((x) => ({
                children: `${formatTime(x.at, lang)} · ${actorLabel(x.actor, lang)} · ${hazardStepLabel(x.action, lang)}${x.reason ? ` · ${x.reason}` : ''}`,
              }))}
            />
          </Card>
          <Modal
            open={!!reasonFor}
            title={t('reason')}
            onCancel={() => setReasonFor(null)}
            onOk={async () => {
              if (reasonFor) await act(reasonFor, { reason });
              setReasonFor(null);
              setReason('');
            }}
          >
            <Input.TextArea id="transition-reason" value={reason} onChange={(e) => setReason(e.target.value)} rows={3} />
          </Modal>
          <Modal open={listing} title={t('listHazard')} onCancel={() => setListing(false)} onOk={() => listingForm.submit()}>
            <Form
              form={listingForm}
              layout="vertical"
              onFinish={async (v) => {
                try {
                  await api(`/api/v1/hazards/${id}/listing`, {
                    method: 'POST',
                    json: { ...v, deadline: (v.deadline as dayjs.Dayjs).format('YYYY-MM-DD') },
                  });
                  setListing(false);
                  refresh();
                } catch (e) {
                  message.error((e as Error).message);
                }
              }}
            >
              <Form.Item name="deadline" label={t('deadline')} rules={[{ required: true }]}>
                <DatePicker />
              </Form.Item>
              <Form.Item name="officer" label={t('officer')} rules={[{ required: true }]}>
                <Input />
              </Form.Item>
            </Form>
          </Modal>
        </>
      )}
    </Card>
  );
}

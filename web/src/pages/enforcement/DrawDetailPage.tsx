// One 双随机 draw: what was committed to (hashes, commitment, the public value's source, the draw
// time), the frozen lists, then — at or after the draw time — the form to enter the public value
// and perform it, and the picks with their inspections. Buttons follow the draw's allowedActions.
import { DRAW_STATUS_LABELS, ENF_INSPECTION_STATUS_LABELS } from '@taishan/domain';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Descriptions, Form, Input, Modal, Space, Table, Tabs, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { ApiError, formErrors } from '../../api.ts';
import { formatTime, pick, useI18n } from '../../i18n.tsx';
import { DrawStatusTag } from './DrawsPage.tsx';
import { cancelDraw, type DrawDetail, fetchDraw, performDraw } from './draws-api.ts';

type Pick = DrawDetail['picks'][number];

const Hash = ({ value }: { value: string | null }) =>
  value ? (
    <Typography.Text code copyable style={{ wordBreak: 'break-all' }}>
      {value}
    </Typography.Text>
  ) : null;

export function DrawDetailPage() {
  const { id = '' } = useParams();
  const { t, lang } = useI18n();
  const qc = useQueryClient();
  const { message, modal } = App.useApp();
  const [form] = Form.useForm<{ publicValue: string }>();
  const [cancelForm] = Form.useForm<{ reason: string }>();
  const [cancelling, setCancelling] = useState(false);
  const q = useQuery({ queryKey: ['enf-draw', id], queryFn: () => fetchDraw(id) });
  const d = q.data;
  if (q.isError) return <Alert type="error" message={t('notFound')} />;
  if (!d) return <Card loading />;

  const done = async (next: DrawDetail) => {
    qc.setQueryData(['enf-draw', id], next);
    await qc.invalidateQueries({ queryKey: ['enf-draws'] });
    message.success(t('saved'));
  };
  const fail = (f: typeof form | typeof cancelForm, e: unknown) => {
    if (!(e instanceof ApiError)) throw e;
    f.setFields(formErrors(e) as never);
    message.error(e.message);
    if (e.status === 409) q.refetch();
  };
  const perform = async () => {
    const v = await form.validateFields();
    modal.confirm({
      title: t('drawPerform'),
      content: `${t('drawPerformConfirm')}（${d.publicValueSource}：${v.publicValue}）`,
      onOk: async () => {
        try {
          await done(await performDraw(id, v.publicValue));
        } catch (e) {
          fail(form, e);
        }
      },
    });
  };
  const cancel = async () => {
    const v = await cancelForm.validateFields();
    try {
      await done(await cancelDraw(id, v.reason));
      setCancelling(false);
    } catch (e) {
      fail(cancelForm, e);
    }
  };

  const nameOf = new Map(d.objects.map((o) => [o.enterpriseId, o.enterpriseName]));
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Card
        title={
          <Space wrap>
            <Link to="/enforcement/draws">{t('back')}</Link>
            {d.title}
            <DrawStatusTag status={d.status} />
          </Space>
        }
        extra={
          d.allowedActions.includes('cancel') && (
            <Button danger onClick={() => setCancelling(true)}>
              {t('drawCancel')}
            </Button>
          )
        }
      >
        {d.status === 'committed' && (
          <Alert
            style={{ marginBottom: 16 }}
            type={d.allowedActions.includes('perform') ? 'warning' : 'info'}
            message={
              d.allowedActions.includes('perform')
                ? t('drawDue', { source: d.publicValueSource })
                : t('drawWaiting', { at: formatTime(d.drawAt, lang), source: d.publicValueSource })
            }
          />
        )}
        {d.status === 'cancelled' && (
          <Alert style={{ marginBottom: 16 }} type="info" message={t('drawCancelled', { reason: d.cancelReason ?? '' })} />
        )}
        {d.allowedActions.includes('perform') && (
          <Form form={form} layout="inline" style={{ marginBottom: 16 }} onFinish={perform}>
            <Form.Item label={d.publicValueSource} name="publicValue" rules={[{ required: true, message: t('drawPublicValueRequired') }]}>
              <Input placeholder={t('drawPublicValue')} maxLength={100} data-testid="draw-public-value" />
            </Form.Item>
            <Button type="primary" htmlType="submit" data-testid="draw-perform">
              {t('drawPerform')}
            </Button>
          </Form>
        )}
        <Descriptions size="small" bordered column={{ xs: 1, md: 2 }}>
          <Descriptions.Item label={t('drawOrgan')}>{d.organ}</Descriptions.Item>
          <Descriptions.Item label={t('drawStatus')}>{pick(lang, DRAW_STATUS_LABELS[d.status])}</Descriptions.Item>
          <Descriptions.Item label={t('drawN')}>{d.n}</Descriptions.Item>
          <Descriptions.Item label={`${t('drawObjectsCount')} / ${t('drawInspectorsCount')}`}>
            {d.objectsCount} / {d.inspectorsCount}
          </Descriptions.Item>
          <Descriptions.Item label={t('drawWeights')}>
            {Object.entries(d.classWeights)
              .map(([c, w]) => `${c}:${w}`)
              .join('  ')}
          </Descriptions.Item>
          <Descriptions.Item label={t('drawOtherRegions')}>{d.allowOtherRegions ? t('drawYes') : t('drawNo')}</Descriptions.Item>
          <Descriptions.Item label={t('drawFilters')}>
            {[
              d.filters.classes?.length ? `${t('drawClasses')}：${d.filters.classes.join('、')}` : '',
              d.filters.industries?.length ? `${t('drawIndustries')}：${d.filters.industries.join('、')}` : '',
              d.filters.regionPrefix ? `${t('drawRegion')}：${d.filters.regionPrefix}` : '',
            ]
              .filter(Boolean)
              .join('；') || '—'}
          </Descriptions.Item>
          <Descriptions.Item label={t('drawPlannedOn')}>{d.plannedOn}</Descriptions.Item>
          <Descriptions.Item label={t('drawCommittedAt')}>{formatTime(d.committedAt, lang)}</Descriptions.Item>
          <Descriptions.Item label={t('drawAt')}>{formatTime(d.drawAt, lang)}</Descriptions.Item>
          <Descriptions.Item label={t('drawSource')}>{d.publicValueSource}</Descriptions.Item>
          <Descriptions.Item label={t('drawPublicValue')}>{d.publicValue ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('drawPerformedAt')}>{d.performedAt ? formatTime(d.performedAt, lang) : '—'}</Descriptions.Item>
          <Descriptions.Item label={t('drawAlgorithm')}>{d.algorithm}</Descriptions.Item>
          <Descriptions.Item label={t('drawObjectsHash')} span={2}>
            <Hash value={d.objectsHash} />
          </Descriptions.Item>
          <Descriptions.Item label={t('drawInspectorsHash')} span={2}>
            <Hash value={d.inspectorsHash} />
          </Descriptions.Item>
          <Descriptions.Item label={t('drawCommitment')} span={2}>
            <Hash value={d.commitment} />
          </Descriptions.Item>
          <Descriptions.Item label={t('drawNonce')} span={2}>
            {d.serverNonce ? <Hash value={d.serverNonce} /> : <Typography.Text type="secondary">{t('drawNonceHidden')}</Typography.Text>}
          </Descriptions.Item>
          {d.seed && (
            <Descriptions.Item label={t('drawSeed')} span={2}>
              <Hash value={d.seed} />
            </Descriptions.Item>
          )}
        </Descriptions>
        <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
          {t('drawVerify')}{' '}
          <a href={`/api/v1/public/enforcement/draws/${d.id}`} target="_blank" rel="noopener" download={`draw-${d.id}.json`}>
            {t('drawPublicJson')}
          </a>
        </Typography.Paragraph>
      </Card>

      <Card size="small">
        <Tabs
          items={[
            {
              key: 'picks',
              label: `${t('drawPicks')} (${d.picks.length})`,
              children: (
                <Table<Pick>
                  rowKey="rank"
                  size="small"
                  pagination={false}
                  dataSource={d.picks}
                  scroll={{ x: 700 }}
                  data-testid="draw-picks"
                  columns={[
                    { title: t('drawRank'), dataIndex: 'rank', width: 70 },
                    { title: t('drawEnterprise'), dataIndex: 'enterpriseName' },
                    { title: t('drawOfficers'), render: (_, p) => p.officerNames.join('、') },
                    {
                      title: t('drawInspection'),
                      width: 180,
                      render: (_, p) =>
                        p.inspectionId ? (
                          <Space>
                            {p.inspectionStatus &&
                              pick(
                                lang,
                                ENF_INSPECTION_STATUS_LABELS[p.inspectionStatus as keyof typeof ENF_INSPECTION_STATUS_LABELS] ?? {
                                  zh: p.inspectionStatus,
                                  en: p.inspectionStatus,
                                },
                              )}
                            <Link to={`/enforcement/inspections/${p.inspectionId}`}>{t('drawOpenInspection')}</Link>
                          </Space>
                        ) : (
                          '—'
                        ),
                    },
                  ]}
                />
              ),
            },
            {
              key: 'objects',
              label: `${t('drawObjects')} (${d.objects.length})`,
              children: (
                <Table
                  rowKey="enterpriseId"
                  size="small"
                  dataSource={d.objects}
                  columns={[
                    { title: t('drawEnterprise'), dataIndex: 'enterpriseName' },
                    { title: t('drawClass'), dataIndex: 'class', width: 80 },
                    { title: t('drawWeight'), dataIndex: 'weight', width: 80 },
                  ]}
                />
              ),
            },
            {
              key: 'inspectors',
              label: `${t('drawInspectors')} (${d.inspectors.length})`,
              children: (
                <Table
                  rowKey="userId"
                  size="small"
                  pagination={false}
                  dataSource={d.inspectors}
                  columns={[
                    { title: t('drawOfficerName'), dataIndex: 'name' },
                    {
                      title: t('drawConflictList'),
                      render: (_, i) => i.conflicts.map((c) => nameOf.get(c) ?? c).join('、') || '—',
                    },
                  ]}
                />
              ),
            },
          ]}
        />
      </Card>

      <Modal
        open={cancelling}
        title={t('drawCancel')}
        onOk={cancel}
        onCancel={() => setCancelling(false)}
        okText={t('drawCancel')}
        destroyOnHidden
      >
        <Form form={cancelForm} layout="vertical">
          <Form.Item name="reason" label={t('drawCancelReason')} rules={[{ required: true, message: t('drawCancelReasonRequired') }]}>
            <Input.TextArea maxLength={500} />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}

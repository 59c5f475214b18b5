// 约谈情形: which governments one level below must be summoned under 安委〔2018〕2号, and why (the
// rule, the accidents that complete it); the level above decides: 约谈 (opens a draft record) or
// not (with the reason). A county has no level below: it sees the explanation, never a decision
// about itself.
import { ACCIDENT_GRADE_LABELS, type AccidentGrade } from '@taishan/domain';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, Space, Switch, Table, Tag } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { formatTime, pick, useI18n } from '../../i18n.tsx';
import { decideTrigger, fetchTriggers, type TriggerItem } from './accountability-api.ts';
import { FormModal, ProvisionalTag } from './parts.tsx';

export function TriggersPage() {
  const { t, lang } = useI18n();
  const qc = useQueryClient();
  const nav = useNavigate();
  const [pending, setPending] = useState(new URLSearchParams(location.search).get('pending') === 'true');
  const q = useQuery({ queryKey: ['accountability', 'triggers', pending], queryFn: () => fetchTriggers(pending) });
  const [dismissing, setDismissing] = useState<TriggerItem | null>(null);
  const [form] = Form.useForm<{ reason: string }>();
  const summon = async (x: TriggerItem) => {
    const r = await decideTrigger({ key: x.key, decision: 'summon' });
    await qc.invalidateQueries({ queryKey: ['accountability'] });
    if (r.recordId) nav(`/accountability/records/${r.recordId}`);
  };
  return (
    <Card
      title={t('acMenuTriggers')}
      extra={
        <Space>
          {t('acPendingOnly')}
          <Switch checked={pending} onChange={setPending} />
        </Space>
      }
    >
      <Alert type="info" message={t('acTriggersHint')} style={{ marginBottom: 12 }} />
      {q.data && !q.data.summonedLevel && <Alert type="warning" message={t('acNoLevelBelow')} style={{ marginBottom: 12 }} />}
      <Table<TriggerItem>
        rowKey="key"
        loading={q.isLoading}
        dataSource={q.data?.items ?? []}
        pagination={false}
        columns={[
          { title: t('acTarget'), dataIndex: 'targetName' },
          {
            title: t('acRule'),
            render: (_, x) => (
              <Space>
                {pick(lang, x.label)}
                {x.provisional && <ProvisionalTag source={x.source} />}
              </Space>
            ),
          },
          { title: t('acSummonedRole'), render: (_, x) => (x.summoned === 'principal' ? t('acPrincipal') : t('acDeputy')) },
          { title: t('acFiredAt'), dataIndex: 'firedAt', render: (s: string) => formatTime(s, lang, true) },
          {
            title: t('acAccidents'),
            render: (_, x) =>
              x.accidents.map((a) => (
                <div key={a.id}>
                  <Link to={`/accidents/${a.id}`}>{a.number}</Link> {a.unitName} ·{' '}
                  {pick(lang, ACCIDENT_GRADE_LABELS[a.grade as AccidentGrade])}
                  {a.deaths ? ` · ☠${a.deaths}` : ''} · {formatTime(a.occurredAt, lang, true)}
                </div>
              )),
          },
          {
            title: t('acDecision'),
            render: (_, x) =>
              x.decision ? (
                <Space direction="vertical" size={0}>
                  <Tag color={x.decision.decision === 'summon' ? 'red' : 'default'}>
                    {x.decision.decision === 'summon' ? t('acDecidedSummon') : t('acDecidedDismiss')}
                  </Tag>
                  <span>
                    {x.decision.decidedByName} · {formatTime(x.decision.decidedAt, lang)}
                  </span>
                  {x.decision.reason && <span>{x.decision.reason}</span>}
                  {x.decision.recordId && <Link to={`/accountability/records/${x.decision.recordId}`}>{t('acOpenRecord')}</Link>}
                </Space>
              ) : (
                <Space>
                  {x.allowedActions.includes('summon') && (
                    <Button size="small" type="primary" danger onClick={() => summon(x)} data-testid={`summon-${x.key}`}>
                      {t('acSummon')}
                    </Button>
                  )}
                  {x.allowedActions.includes('dismiss') && (
                    <Button
                      size="small"
                      onClick={() => {
                        form.resetFields();
                        setDismissing(x);
                      }}
                    >
                      {t('acDismiss')}
                    </Button>
                  )}
                </Space>
              ),
          },
        ]}
      />
      <FormModal
        open={!!dismissing}
        title={`${t('acDismiss')} · ${dismissing?.targetName ?? ''}`}
        form={form}
        onClose={() => setDismissing(null)}
        onSubmit={async (v) => {
          await decideTrigger({ key: dismissing?.key as string, decision: 'dismiss', reason: v.reason });
          await qc.invalidateQueries({ queryKey: ['accountability'] });
        }}
      >
        <Form.Item name="reason" label={t('acDismissReason')} rules={[{ required: true }]}>
          <Input.TextArea rows={3} />
        </Form.Item>
      </FormModal>
    </Card>
  );
}

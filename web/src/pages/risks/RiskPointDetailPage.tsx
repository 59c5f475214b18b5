import { actorLabel, CONTROL_MEASURE_LABELS, CONTROL_TIER_LABELS, type RiskPointAction } from '@taishan/domain';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Descriptions, Form, Modal, Result, Space, Table } from 'antd';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { api } from '../../api.ts';
import { LevelTag } from '../../components/LevelTag.tsx';
import { formatTime, pick, useI18n } from '../../i18n.tsx';
import { AssessmentFields } from './AssessmentFields.tsx';
import type { Measure, RiskPoint } from './api.ts';
import { accidentLabel } from './RiskRegisterPage.tsx';

export function RiskPointDetailPage() {
  const { id } = useParams();
  const { t, lang } = useI18n();
  const nav = useNavigate();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [assessing, setAssessing] = useState(false);
  const [form] = Form.useForm();
  const q = useQuery({ queryKey: ['risk-point', id], queryFn: () => api<RiskPoint>(`/api/v1/risk-points/${id}`), retry: false });
  if (q.error) return <Result status="404" title={t('notFound')} />;
  const p = q.data;
  const can = (a: RiskPointAction) => p?.allowedActions.includes(a);
  return (
    <Card
      loading={q.isLoading}
      title={p ? `${p.name}` : ''}
      extra={
        p && (
          <Space wrap>
            <Button onClick={() => nav('/risks')}>{t('back')}</Button>
            {can('update') && <Button onClick={() => nav(`/risks/${p.id}/edit`)}>{t('edit')}</Button>}
            {can('assess') && (
              <Button type="primary" onClick={() => setAssessing(true)}>
                {t('reassess')}
              </Button>
            )}
            <Button onClick={() => nav(`/enterprises/${p.enterpriseId}/risk-map`)}>{t('riskMap')}</Button>
          </Space>
        )
      }
    >
      {p && (
        <>
          <Descriptions bordered size="small" column={{ xs: 1, md: 2 }} data-testid="risk-point-detail">
            <Descriptions.Item label={t('enterprise')}>{p.enterpriseName}</Descriptions.Item>
            <Descriptions.Item label={t('level')}>
              <LevelTag level={p.level} /> {p.method?.toUpperCase()} {p.score}
            </Descriptions.Item>
            <Descriptions.Item label={t('location')}>{p.areaName ?? p.location}</Descriptions.Item>
            <Descriptions.Item label={t('activity')}>{p.activity}</Descriptions.Item>
            <Descriptions.Item label={t('hazardFactors')}>{p.hazardFactors.join('；')}</Descriptions.Item>
            <Descriptions.Item label={t('accidentTypes')}>
              {p.accidentTypes.map((a) => accidentLabel(a, lang)).join('、')}
            </Descriptions.Item>
            <Descriptions.Item label={t('reviewDate')}>{p.reviewDate}</Descriptions.Item>
          </Descriptions>
          <Table<Measure>
            style={{ marginTop: 16 }}
            size="small"
            rowKey={(m) => `${m.type}-${m.description}`}
            title={() => t('controlMeasures')}
            dataSource={p.controlMeasures}
            pagination={false}
            columns={[
              {
                title: t('measureType'),
                dataIndex: 'type',
                render: (v: keyof typeof CONTROL_MEASURE_LABELS) => pick(lang, CONTROL_MEASURE_LABELS[v]),
              },
              { title: t('measureDescription'), dataIndex: 'description' },
              {
                title: t('controlTier'),
                dataIndex: 'tier',
                render: (v: keyof typeof CONTROL_TIER_LABELS) => pick(lang, CONTROL_TIER_LABELS[v]),
              },
              { title: t('responsible'), dataIndex: 'responsible' },
            ]}
          />
          <Table
            style={{ marginTop: 16 }}
            size="small"
            rowKey="assessedAt"
            title={() => t('assessmentHistory')}
            dataSource={p.assessments ?? []}
            pagination={false}
            columns={[
              { title: t('time'), dataIndex: 'assessedAt', render: (v: string) => formatTime(v, lang) },
              { title: t('method'), dataIndex: 'method', render: (v: string) => v.toUpperCase() },
              {
                title: 'L / E / C / S',
                dataIndex: 'inputs',
                render: (v: Record<string, number>) =>
                  // In the formula's order, whatever order the database returns the keys in.
                  ['L', 'E', 'C', 'S']
                    .filter((k) => k in v)
                    .map((k) => `${k}=${v[k]}`)
                    .join(' '),
              },
              { title: t('score'), dataIndex: 'score' },
              { title: t('level'), dataIndex: 'level', render: (v: RiskPoint['level']) => <LevelTag level={v} /> },
              { title: t('actor'), dataIndex: 'assessedBy', render: (v: string) => actorLabel(v, lang) },
            ]}
          />
          <Modal open={assessing} title={t('reassess')} onCancel={() => setAssessing(false)} onOk={() => form.submit()} destroyOnHidden>
            <Form
              form={form}
              layout="vertical"
              onFinish={async (v) => {
                try {
                  await api(`/api/v1/risk-points/${p.id}/assessments`, { method: 'POST', json: v.a });
                  message.success(t('saved'));
                  setAssessing(false);
                  qc.invalidateQueries({ queryKey: ['risk-point', id] });
                  qc.invalidateQueries({ queryKey: ['risk-points'] });
                } catch (e) {
                  message.error((e as Error).message);
                }
              }}
            >
              <AssessmentFields prefix={['a']} />
            </Form>
          </Modal>
        </>
      )}
    </Card>
  );
}

// 信用档案 of one enterprise (/credit/enterprises/:id) or intermediary (/credit/intermediaries/:id/file):
// the level with its reasons (the weights are provisional settings, tagged 暂定), the records it
// counted (penalties, accidents, listed hazards, overdue fixes, blacklist entries, commitments,
// good records) and the history of the level. Buttons as allowedActions allow.
import type { CreditFile } from '@taishan/domain';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Descriptions, Empty, Result, Space, Table, Tag, Timeline, Typography } from 'antd';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiError } from '../../api.ts';
import { formatTime, pick, useI18n } from '../../i18n.tsx';
import { fetchEnterpriseFile, fetchIntermediaryFile, recompute } from './credit-api.ts';
import { EVENT_COLOURS, EVENT_KEYS, LevelTag } from './parts.tsx';

/** This year in Beijing time (the commitments' year). */
const shanghaiYear = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(new Date());

export function CreditFilePage({ subject }: { subject: 'enterprise' | 'intermediary' }) {
  const { id = '' } = useParams();
  const { t, lang } = useI18n();
  const nav = useNavigate();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const q = useQuery({
    queryKey: ['credit-file', subject, id],
    queryFn: () => (subject === 'enterprise' ? fetchEnterpriseFile(id) : fetchIntermediaryFile(id)),
    retry: false,
  });
  if (q.error) {
    const status = q.error instanceof ApiError ? q.error.status : 500;
    return <Result status={status === 404 ? '404' : status === 403 ? '403' : 'error'} title={(q.error as Error).message} />;
  }
  const f: CreditFile | undefined = q.data;
  return (
    <Card
      loading={q.isLoading}
      title={f ? `${t('crFile')} · ${f.name}` : t('crFile')}
      extra={
        f && (
          <Space wrap>
            <Button onClick={() => nav(-1)}>{t('back')}</Button>
            {f.subject === 'enterprise' && <Button onClick={() => nav(`/enterprises/${f.id}`)}>{t('crName')}</Button>}
            {f.subject === 'enterprise' && (
              <Button onClick={() => nav(`/credit/commitments?enterpriseId=${f.id}`)} data-testid="credit-commitments">
                {t('crMenuCommitments')}
              </Button>
            )}
            {f.allowedActions.includes('recompute') && (
              <Button
                onClick={async () => {
                  const r = await recompute(f.subject === 'enterprise' ? { enterpriseId: f.id } : { intermediaryId: f.id });
                  message.success(t('crRecomputed', { n: r.computed, changed: r.changed }));
                  await qc.invalidateQueries({ queryKey: ['credit-file', subject, id] });
                }}
              >
                {t('crRecompute')}
              </Button>
            )}
          </Space>
        )
      }
    >
      {f && (
        <Space direction="vertical" size="middle" style={{ width: '100%' }}>
          {f.listed && <Alert type="error" showIcon message={t('crListedWarning')} data-testid="credit-listed" />}
          {f.commitmentSigned === false && <Alert type="warning" showIcon message={t('crNotSignedYet', { year: shanghaiYear() })} />}
          <Descriptions bordered size="small" column={{ xs: 1, md: 3 }} data-testid="credit-file">
            <Descriptions.Item label={t('crUscc')}>{f.uscc}</Descriptions.Item>
            <Descriptions.Item label={t('crLevel')}>
              <LevelTag level={f.level} />
            </Descriptions.Item>
            <Descriptions.Item label={t('crScore')}>{f.score ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('crComputedAt')}>{f.computedAt ? formatTime(f.computedAt, lang) : '—'}</Descriptions.Item>
            <Descriptions.Item label={t('crReasons')} span={2}>
              <Space wrap size={4}>
                {f.reasons.map((r) => (
                  <Tag key={r.code} color={r.points < 0 ? 'orange' : r.points > 0 ? 'green' : 'red'}>
                    {pick(lang, r)}
                  </Tag>
                ))}
                <Tag color="gold">{t('crProvisional')}</Tag>
              </Space>
            </Descriptions.Item>
          </Descriptions>
          <Typography.Title level={5}>{t('crEvents')}</Typography.Title>
          {f.events.length ? (
            <Timeline
              data-testid="credit-events"
              items={f.events.map((e, i) => ({
                key: `${e.kind}-${i}`,
                color: EVENT_COLOURS[e.kind] === 'green' ? 'green' : EVENT_COLOURS[e.kind] === 'blue' ? 'blue' : 'red',
                children: (
                  <Space direction="vertical" size={0}>
                    <Space size={4} wrap>
                      <Tag color={EVENT_COLOURS[e.kind]}>{t(EVENT_KEYS[e.kind])}</Tag>
                      {e.link ? <Link to={e.link}>{e.title}</Link> : <Typography.Text>{e.title}</Typography.Text>}
                      <Typography.Text type="secondary">{formatTime(e.at, lang, e.at.length === 10)}</Typography.Text>
                    </Space>
                    {e.detail && <Typography.Text type="secondary">{e.detail}</Typography.Text>}
                  </Space>
                ),
              }))}
            />
          ) : (
            <Empty description={t('crNoEvents')} />
          )}
          <Typography.Title level={5}>{t('crHistory')}</Typography.Title>
          <Table
            rowKey={(r) => `${r.at}-${r.toLevel}`}
            size="small"
            pagination={false}
            dataSource={f.history}
            data-testid="credit-history"
            columns={[
              { title: t('crChangedAt'), dataIndex: 'at', width: 170, render: (v) => formatTime(v, lang) },
              {
                title: t('crLevel'),
                dataIndex: 'toLevel',
                width: 220,
                render: (v, r) => (
                  <Space size={4}>
                    {r.fromLevel && <LevelTag level={r.fromLevel} />}
                    {r.fromLevel && '→'}
                    <LevelTag level={v} />
                  </Space>
                ),
              },
              { title: t('crScore'), dataIndex: 'score', width: 80 },
              { title: t('crCause'), dataIndex: 'cause' },
            ]}
          />
        </Space>
      )}
    </Card>
  );
}

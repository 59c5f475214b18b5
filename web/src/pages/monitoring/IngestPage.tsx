// 接入运行: the telemetry pipeline as its operators (platform admins) see it — readings taken and
// refused, the rate, what waits to be written, the MQTT side (the embedded broker's gateways, or
// our subscriber on an external broker and the acknowledgements it holds), warnings, and the
// readings refused lately with their reason. Polls every 5 s; the rate is the difference of two polls.
import {
  DEAD_LETTER_REASON_LABELS,
  DEAD_LETTER_REASONS,
  type DeadLetterReason,
  type IngestStats as Stats,
  splitBilingual,
} from '@taishan/domain';
import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Col, Descriptions, Row, Statistic, Table, Tag, Typography } from 'antd';
import { useRef } from 'react';
import { api } from '../../api.ts';
import { formatTime, type Lang, pick, useI18n } from '../../i18n.tsx';

/** The server's warnings are bilingual ('zh||en', as domain's bi() writes them). */
const bilingual = (m: string, lang: Lang) => {
  const both = splitBilingual(m);
  return both ? pick(lang, both) : m;
};

export function IngestPage() {
  const { t, lang } = useI18n();
  // The previous poll, for readings per second.
  const last = useRef<{ at: number; accepted: number } | null>(null);
  const rate = useRef<number | null>(null);
  const stats = useQuery({
    queryKey: ['telemetry-stats'],
    queryFn: async () => {
      const s = await api<Stats>('/api/v1/telemetry/stats');
      const now = performance.now();
      const prev = last.current;
      if (prev && now > prev.at) rate.current = Math.max(0, ((s.counters.accepted - prev.accepted) * 1000) / (now - prev.at));
      last.current = { at: now, accepted: s.counters.accepted };
      return s;
    },
    refetchInterval: 5000,
  });
  const s = stats.data;
  const reason = (r: string) =>
    (DEAD_LETTER_REASONS as readonly string[]).includes(r) ? pick(lang, DEAD_LETTER_REASON_LABELS[r as DeadLetterReason]) : r;
  if (!s) return <Card title={t('ingest')} loading={stats.isLoading} />;
  const c = s.counters;
  return (
    <Card
      title={t('ingest')}
      extra={<Typography.Text type="secondary">{t('ingestSince', { at: formatTime(s.since, lang) })}</Typography.Text>}
    >
      {s.warnings.length === 0 ? (
        <Alert type="success" showIcon message={t('ingestHealthy')} style={{ marginBottom: 16 }} data-testid="ingest-healthy" />
      ) : (
        s.warnings.map((w) => (
          <Alert
            key={w.code}
            type="warning"
            showIcon
            style={{ marginBottom: 8 }}
            data-testid={`ingest-warning-${w.code}`}
            message={bilingual(w.message, lang)}
            description={t('ingestWarningFigure', { value: w.value.toLocaleString(), limit: w.limit.toLocaleString() })}
          />
        ))
      )}
      <Row gutter={[16, 16]}>
        {(
          [
            ['ingestRate', rate.current === null ? '—' : Math.round(rate.current).toLocaleString(), 'ingest-rate'],
            ['ingestAccepted', c.accepted.toLocaleString(), 'ingest-accepted'],
            ['ingestRejected', c.rejected.toLocaleString(), 'ingest-rejected'],
            ['ingestBacklog', c.backlog.toLocaleString(), 'ingest-backlog'],
            ['ingestWrites', c.flushes.toLocaleString(), 'ingest-writes'],
            ['ingestWriteMs', c.flushes ? (c.writeMs / c.flushes).toFixed(1) : '—', 'ingest-write-ms'],
          ] as const
        ).map(([label, value, id]) => (
          <Col xs={12} md={8} lg={4} key={id}>
            <Statistic title={t(label)} value={value} valueRender={() => <span data-testid={id}>{value}</span>} />
          </Col>
        ))}
      </Row>
      <Descriptions bordered size="small" column={{ xs: 1, md: 2 }} style={{ marginTop: 16 }} title={t('ingestMqtt')}>
        {s.mqtt === null && <Descriptions.Item label={t('ingestMqtt')}>{t('ingestHttpOnly')}</Descriptions.Item>}
        {s.mqtt?.kind === 'embedded' && (
          <>
            <Descriptions.Item label={t('ingestBroker')}>
              {s.mqtt.port === null ? t('ingestHttpOnly') : t('ingestEmbedded', { port: s.mqtt.port })}
            </Descriptions.Item>
            <Descriptions.Item label={t('ingestClients')}>{s.mqtt.clients}</Descriptions.Item>
          </>
        )}
        {s.mqtt?.kind === 'external' && (
          <>
            <Descriptions.Item label={t('ingestBroker')}>{s.mqtt.broker}</Descriptions.Item>
            <Descriptions.Item label={t('ingestBrokerStored')}>{s.mqtt.brokerStoredMessages?.toLocaleString() ?? '—'}</Descriptions.Item>
          </>
        )}
        <Descriptions.Item label={t('ingestGatewayLogins')}>
          {s.gateways.logins} / {t('ingestRefused')} {s.gateways.refusedLogins}
        </Descriptions.Item>
        <Descriptions.Item label={t('ingestRefusedPublishes')}>{s.gateways.refusedPublishes}</Descriptions.Item>
        <Descriptions.Item label={t('ingestMemory')}>
          RSS {s.memory.rss} MB · heap {s.memory.heapUsed} / {s.memory.heapTotal} MB · external {s.memory.external} MB
        </Descriptions.Item>
        <Descriptions.Item label={t('ingestLargestWrite')}>
          {c.largestWrite.toLocaleString()} · {t('ingestCollisions')} {c.collisions}
        </Descriptions.Item>
      </Descriptions>
      {s.mqtt?.kind === 'external' && (
        <Table
          style={{ marginTop: 16 }}
          size="small"
          pagination={false}
          dataSource={s.mqtt.subscribers.map((x, i) => ({ ...x, key: i }))}
          data-testid="ingest-subscribers"
          columns={[
            {
              title: t('ingestSubscriber'),
              render: (_, x) => (
                <Tag color={x.connected ? 'green' : 'red'}>{x.connected ? t('ingestConnected') : t('ingestDisconnected')}</Tag>
              ),
            },
            { title: t('ingestConnectedSince'), render: (_, x) => (x.since ? formatTime(x.since, lang) : '—') },
            { title: t('ingestReconnects'), dataIndex: 'reconnects' },
            { title: t('ingestReceived'), render: (_, x) => x.received.toLocaleString() },
            { title: t('ingestStoring'), render: (_, x) => x.storing.toLocaleString() },
            { title: t('ingestAcksWaiting'), render: (_, x) => x.acksWaiting.toLocaleString() },
          ]}
        />
      )}
      <Typography.Title level={5} style={{ marginTop: 24 }}>
        {t('ingestDeadLetters')}
      </Typography.Title>
      <div style={{ marginBottom: 8 }} data-testid="dead-letter-reasons">
        {s.deadLetters.last24h.length === 0 && <Typography.Text type="secondary">{t('ingestNoDeadLetters')}</Typography.Text>}
        {s.deadLetters.last24h.map((r) => (
          <Tag key={r.reason} color="orange">
            {reason(r.reason)} {r.n}
          </Tag>
        ))}
      </div>
      <Table
        size="small"
        dataSource={s.deadLetters.recent.map((r, i) => ({ ...r, key: i }))}
        pagination={{ pageSize: 10 }}
        data-testid="dead-letters"
        scroll={{ x: true }}
        columns={[
          { title: t('ingestReceivedAt'), render: (_, r) => formatTime(r.receivedAt, lang), width: 150 },
          { title: t('ingestSource'), dataIndex: 'source', width: 70 },
          { title: t('creditCode'), render: (_, r) => r.creditCode ?? '—', width: 190 },
          { title: t('ingestReason'), render: (_, r) => reason(r.reason), width: 140 },
          {
            title: t('ingestPayload'),
            render: (_, r) => (
              <Typography.Text code ellipsis={{ tooltip: r.payload }} style={{ maxWidth: 420 }}>
                {r.payload}
              </Typography.Text>
            ),
          },
        ]}
      />
    </Card>
  );
}

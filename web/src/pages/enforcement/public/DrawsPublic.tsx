// The public record of 双随机 draws (一公开) on /open/enforcement: every draw with its commitment,
// the hashes of its lists, the draw time and the public value's source from the moment it is
// committed; once drawn, the nonce, the seed, the selected enterprises with their officers and the
// inspections' progress, and the JSON anyone can re-derive with scripts/verify-draw.mjs. Runs in
// the light entry: no react-query, no domain values (types only), its words in ./messages.ts.
import type { PublicDraw, PublicDrawSummary } from '@taishan/domain';
import { Alert, Descriptions, Space, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { api } from '../../../api.ts';
import type { MessageKey } from '../../../i18n.tsx';
import { formatTime, useI18n } from '../../../i18n-provider.tsx';

type Page = { items: PublicDrawSummary[]; total: number; page: number; pageSize: number };
const BASE = '/api/v1/public/enforcement/draws';
const get = <T,>(path: string) => api<T>(path, { credentials: 'omit' });

const STATUS: Record<PublicDrawSummary['status'], { key: MessageKey; colour: string }> = {
  committed: { key: 'openDrawCommitted', colour: 'blue' },
  drawn: { key: 'openDrawDrawn', colour: 'green' },
  cancelled: { key: 'openDrawCancelled', colour: 'default' },
};
const INSPECTION: Record<string, MessageKey> = {
  planned: 'openDrawInspPlanned',
  inProgress: 'openDrawInspInProgress',
  recorded: 'openDrawInspRecorded',
  closed: 'openDrawInspClosed',
  cancelled: 'openDrawInspCancelled',
};

const Code = ({ value }: { value: string | null }) =>
  value ? (
    <Typography.Text code copyable style={{ wordBreak: 'break-all' }}>
      {value}
    </Typography.Text>
  ) : null;

export function DrawsPublic() {
  const { t, lang } = useI18n();
  const [page, setPage] = useState(1);
  const [data, setData] = useState<Page | null>(null);
  const [error, setError] = useState(false);
  useEffect(() => {
    let live = true;
    get<Page>(`${BASE}?page=${page}&pageSize=20`).then(
      (p) => live && setData(p),
      () => live && setError(true),
    );
    return () => {
      live = false;
    };
  }, [page]);

  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Typography.Paragraph type="secondary">{t('openDrawIntro')}</Typography.Paragraph>
      {error && <Alert type="error" message={t('openDrawError')} />}
      <Table<PublicDrawSummary>
        rowKey="id"
        size="small"
        loading={!data && !error}
        dataSource={data?.items}
        locale={{ emptyText: t('openDrawEmpty') }}
        scroll={{ x: 800 }}
        data-testid="open-draws"
        pagination={{
          current: page,
          pageSize: 20,
          total: data?.total ?? 0,
          showTotal: (n) => t('openDrawTotal', { n }),
          onChange: setPage,
        }}
        expandable={{ expandedRowRender: (r) => <DrawRecord id={r.id} />, expandRowByClick: true }}
        columns={[
          { title: t('openDrawTitle'), dataIndex: 'title' },
          { title: t('openDrawOrgan'), dataIndex: 'organ', width: 170 },
          {
            title: t('openDrawStatus'),
            dataIndex: 'status',
            width: 140,
            render: (s: PublicDrawSummary['status']) => <Tag color={STATUS[s].colour}>{t(STATUS[s].key)}</Tag>,
          },
          { title: t('openDrawN'), width: 120, render: (_, r) => `${r.n} / ${r.objectsCount}` },
          { title: t('openDrawAt'), dataIndex: 'drawAt', width: 150, render: (v: string) => formatTime(v, lang) },
          {
            title: t('openDrawCommitment'),
            dataIndex: 'commitment',
            width: 150,
            render: (v: string) => <Typography.Text code>{v.slice(0, 12)}…</Typography.Text>,
          },
        ]}
      />
    </Space>
  );
}

function DrawRecord({ id }: { id: string }) {
  const { t, lang } = useI18n();
  const [d, setD] = useState<PublicDraw | null>(null);
  const [error, setError] = useState(false);
  useEffect(() => {
    get<PublicDraw>(`${BASE}/${id}`).then(setD, () => setError(true));
  }, [id]);
  if (error) return <Alert type="error" message={t('openDrawError')} />;
  if (!d) return null;
  const notYet = <Typography.Text type="secondary">{t('openDrawNotYet')}</Typography.Text>;
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="open-draw-record">
      <Descriptions size="small" bordered column={{ xs: 1, md: 2 }}>
        <Descriptions.Item label={t('openDrawCommittedAt')}>{formatTime(d.committedAt, lang)}</Descriptions.Item>
        <Descriptions.Item label={t('openDrawAt')}>{formatTime(d.drawAt, lang)}</Descriptions.Item>
        <Descriptions.Item label={t('openDrawSource')}>{d.publicValueSource}</Descriptions.Item>
        <Descriptions.Item label={t('openDrawValue')}>{d.publicValue ?? notYet}</Descriptions.Item>
        <Descriptions.Item label={t('openDrawWeights')}>
          {Object.entries(d.classWeights)
            .map(([c, w]) => `${c}:${w}`)
            .join('  ')}
        </Descriptions.Item>
        <Descriptions.Item label={t('openDrawOtherRegions')}>{d.allowOtherRegions ? t('openDrawYes') : t('openDrawNo')}</Descriptions.Item>
        <Descriptions.Item label={t('openDrawInspectorsCount')}>{d.inspectorsCount}</Descriptions.Item>
        <Descriptions.Item label={t('openDrawAlgorithm')}>{d.algorithm}</Descriptions.Item>
        <Descriptions.Item label={t('openDrawObjectsHash')} span={2}>
          <Code value={d.objectsHash} />
        </Descriptions.Item>
        <Descriptions.Item label={t('openDrawInspectorsHash')} span={2}>
          <Code value={d.inspectorsHash} />
        </Descriptions.Item>
        <Descriptions.Item label={t('openDrawCommitment')} span={2}>
          <Code value={d.commitment} />
        </Descriptions.Item>
        <Descriptions.Item label={t('openDrawNonce')} span={2}>
          {d.serverNonce ? <Code value={d.serverNonce} /> : notYet}
        </Descriptions.Item>
        <Descriptions.Item label={t('openDrawSeed')} span={2}>
          {d.seed ? <Code value={d.seed} /> : notYet}
        </Descriptions.Item>
      </Descriptions>
      {d.status === 'drawn' && (
        <Table
          rowKey="rank"
          size="small"
          pagination={false}
          dataSource={d.picks}
          columns={[
            { title: t('openDrawRank'), dataIndex: 'rank', width: 70 },
            { title: t('openDrawEnterprise'), dataIndex: 'enterpriseName' },
            { title: t('openDrawOfficers'), render: (_, p) => p.officerNames.join('、') },
            {
              title: t('openDrawResult'),
              width: 150,
              render: (_, p) => {
                const key = p.inspectionStatus ? INSPECTION[p.inspectionStatus] : undefined;
                return key ? t(key) : '—';
              },
            },
          ]}
        />
      )}
      <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
        {t('openDrawVerify')}{' '}
        <a href={`${BASE}/${d.id}`} download={`draw-${d.id}.json`} target="_blank" rel="noopener">
          {t('openDrawJson')}
        </a>
      </Typography.Paragraph>
    </Space>
  );
}

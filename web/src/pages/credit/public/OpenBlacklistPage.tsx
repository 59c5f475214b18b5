// /open/blacklist (no login): the entries on the serious-discredit list now (令第11号), with the region
// filter — name, USCC, reason, decision number, dates; persons' ID numbers masked by the server. An
// entry past its term or removed early is never sent. Light entry: only api, antd and the provider's
// useI18n; the labels are ./labels.ts's copies of domain's. A plain table with previous/next: antd's
// Table (with its pagination, select and dropdown) would put the page over the light entry's
// 250 KB budget (e2e/tests/bundle.test.ts).
import { Alert, Button, Space, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { api } from '../../../api.ts';
import { formatTime, useI18n } from '../../../i18n-provider.tsx';
import { label, OPEN_REASON_LABELS, OPEN_SUBJECT_LABELS } from './labels.ts';

type PublicEntry = {
  id: string;
  subjectType: string;
  name: string;
  uscc: string | null;
  idNumber: string | null;
  reason: string;
  regionName: string | null;
  decisionNumber: string | null;
  listedAt: string;
  expiresAt: string;
};
type PublicList = { items: PublicEntry[]; total: number; regions: { code: string; name: string }[] };

const CELL = { padding: '12px 8px', borderBottom: '1px solid #f0f0f0', verticalAlign: 'top' } as const;

export function OpenBlacklistPage() {
  const { t, lang } = useI18n();
  const [region, setRegion] = useState<string | undefined>(undefined);
  const [page, setPage] = useState(1);
  const [data, setData] = useState<PublicList | null>(null);
  const [regions, setRegions] = useState<{ code: string; name: string }[]>([]);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let live = true;
    const q = new URLSearchParams({ page: String(page), pageSize: '20', ...(region ? { regionCode: region } : {}) });
    setData(null);
    api<PublicList>(`/api/public/blacklist?${q}`, { credentials: 'omit' }).then(
      (r) => {
        if (!live) return;
        setData(r);
        setFailed(false);
        if (!region) setRegions(r.regions);
      },
      () => live && setFailed(true),
    );
    return () => {
      live = false;
    };
  }, [region, page]);
  return (
    <div style={{ maxWidth: 1200, margin: '0 auto', padding: 16 }}>
      <Typography.Title level={3}>{t('blOpenTitle')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('blOpenNote')}</Typography.Paragraph>
      <Space style={{ marginBottom: 12 }}>
        {/* A native select: antd's Select would add ~40 KB to this light page (README "Web delivery"). */}
        <select
          aria-label={t('blOpenRegion')}
          style={{ width: 220, height: 32, borderRadius: 6, border: '1px solid #d9d9d9', padding: '0 8px' }}
          value={region ?? ''}
          onChange={(e) => {
            setRegion(e.target.value || undefined);
            setPage(1);
          }}
          data-testid="open-blacklist-region"
        >
          <option value="">{t('blOpenAllRegions')}</option>
          {regions.map((r) => (
            <option key={r.code} value={r.code}>
              {r.name}
            </option>
          ))}
        </select>
      </Space>
      {failed && <Alert type="error" showIcon message={t('blOpenLoadError')} style={{ marginBottom: 12 }} />}
      <div style={{ overflowX: 'auto' }}>
        <table data-testid="open-blacklist" style={{ width: '100%', minWidth: 1100, borderCollapse: 'collapse' }}>
          <thead>
            <tr style={{ background: '#fafafa', textAlign: 'left' }}>
              {[
                t('blOpenName'),
                t('blOpenSubject'),
                `${t('blOpenUscc')} / ${t('blOpenIdNumber')}`,
                t('blOpenReason'),
                t('blOpenRegion'),
                t('blOpenDecision'),
                t('blOpenListedAt'),
                t('blOpenExpiresAt'),
              ].map((h) => (
                <th key={h} style={CELL}>
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {(data?.items ?? []).map((r) => (
              <tr key={r.id} data-testid="open-blacklist-row">
                <td style={CELL}>{r.name}</td>
                <td style={CELL}>
                  <Tag>{label(OPEN_SUBJECT_LABELS, r.subjectType, lang)}</Tag>
                </td>
                <td style={CELL}>
                  <span data-testid="open-blacklist-code">{r.uscc ?? r.idNumber ?? '—'}</span>
                </td>
                <td style={CELL}>{label(OPEN_REASON_LABELS, r.reason, lang)}</td>
                <td style={CELL}>{r.regionName ?? '—'}</td>
                <td style={CELL}>{r.decisionNumber ?? '—'}</td>
                <td style={CELL}>{formatTime(r.listedAt, lang, true)}</td>
                <td style={CELL}>{formatTime(r.expiresAt, lang, true)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {data && data.items.length === 0 && (
        <Typography.Paragraph type="secondary" style={{ textAlign: 'center', padding: 24 }}>
          {t('blOpenEmpty')}
        </Typography.Paragraph>
      )}
      {data === null && !failed && <Typography.Paragraph type="secondary">…</Typography.Paragraph>}
      <Space style={{ marginTop: 12, justifyContent: 'flex-end', width: '100%' }}>
        <Typography.Text type="secondary">{t('blOpenTotal', { n: data?.total ?? 0 })}</Typography.Text>
        <Button size="small" disabled={page <= 1} onClick={() => setPage(page - 1)} aria-label={t('blOpenPrev')}>
          ‹
        </Button>
        <Typography.Text>
          {page} / {Math.max(1, Math.ceil((data?.total ?? 0) / 20))}
        </Typography.Text>
        <Button size="small" disabled={page * 20 >= (data?.total ?? 0)} onClick={() => setPage(page + 1)} aria-label={t('blOpenNext')}>
          ›
        </Button>
      </Space>
    </div>
  );
}

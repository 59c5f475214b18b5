// The public risk-level page (/open/health-risk): the current level of each township and county in
// a list, with the announcements. No person appears here. Owner: levels.
// The map (OpenRiskMap, ECharts) is a separate chunk loaded by React.lazy, above the list.
import { Alert, Tag, Typography } from 'antd';
import { lazy, Suspense, useEffect, useState } from 'react';
import { api } from '../../../api.ts';
import { formatTime, useI18n } from '../../../i18n-provider.tsx';
import { OPEN_RISK_LEVEL_TAGS, riskLabel } from './labels.ts';

const OpenRiskMap = lazy(() => import('./OpenRiskMap.tsx').then((m) => ({ default: m.OpenRiskMap })));

/** The region the map draws: ?region= (2–12 digits), else the city of the first region with a level. */
function mapRegion(regions: OpenRegion[]): string {
  const asked = new URLSearchParams(window.location.search).get('region');
  if (asked && /^\d{2,12}$/.test(asked)) return asked.padEnd(12, '0');
  const first = regions[0];
  return first ? first.code.slice(0, 4).padEnd(12, '0') : '';
}

type OpenRegion = { code: string; name: string; kind: string | null; level: string; effectiveFrom: string };
type OpenAnnouncement = {
  id: string;
  regionName: string;
  level: string;
  effectiveFrom: string;
  number: string;
  title: string;
  text: string;
};
type OpenData = { updatedAt: string; regions: OpenRegion[]; announcements: OpenAnnouncement[] };

const CELL = { padding: '10px 8px', borderBottom: '1px solid #f0f0f0', verticalAlign: 'top' } as const;
const ORDER: Record<string, number> = { high: 0, medium: 1, low: 2 };

export function OpenHealthRiskPage() {
  const { t, lang } = useI18n();
  const [data, setData] = useState<OpenData | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let live = true;
    const asked = new URLSearchParams(window.location.search).get('region');
    const query = asked && /^\d{2,12}$/.test(asked) ? `?region=${asked}` : '';
    api<OpenData>(`/api/v1/open/health-risk${query}`, { credentials: 'omit' }).then(
      (r) => live && setData(r),
      () => live && setFailed(true),
    );
    return () => {
      live = false;
    };
  }, []);
  const regions = [...(data?.regions ?? [])].sort((a, b) => (ORDER[a.level] ?? 3) - (ORDER[b.level] ?? 3) || a.code.localeCompare(b.code));
  return (
    <div style={{ maxWidth: 1200, margin: '0 auto', padding: 16 }}>
      <Typography.Title level={3}>{t('phLvOpenTitle')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('phLvOpenNote')}</Typography.Paragraph>
      {failed && <Alert type="error" message={t('phLvOpenFailed')} />}
      {data && mapRegion(regions) && (
        <Suspense fallback={null}>
          <OpenRiskMap region={mapRegion(regions)} regions={regions} />
        </Suspense>
      )}
      <table style={{ width: '100%', borderCollapse: 'collapse' }}>
        <thead>
          <tr>
            <th style={CELL}>{t('phLvOpenRegion')}</th>
            <th style={CELL}>{t('phLvOpenLevel')}</th>
            <th style={CELL}>{t('phLvOpenSince')}</th>
          </tr>
        </thead>
        <tbody>
          {regions.map((r) => (
            <tr key={r.code} data-region={r.code}>
              <td style={CELL}>{r.name}</td>
              <td style={CELL}>
                <Tag color={OPEN_RISK_LEVEL_TAGS[r.level]}>{riskLabel(r.level, lang)}</Tag>
              </td>
              <td style={CELL}>{formatTime(r.effectiveFrom, lang)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <Typography.Title level={4} style={{ marginTop: 24 }}>
        {t('phLvOpenAnnouncements')}
      </Typography.Title>
      {data && data.announcements.length === 0 && <Typography.Paragraph>{t('phLvOpenNone')}</Typography.Paragraph>}
      {data?.announcements.map((a) => (
        <section key={a.id} style={{ marginBottom: 16 }}>
          <Typography.Title level={5}>{a.title}</Typography.Title>
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{a.text}</Typography.Paragraph>
          <a href={`/api/v1/open/health-risk/announcements/${a.id}/pdf`}>{t('phLvOpenPdf')}</a>
        </section>
      ))}
    </div>
  );
}

// 指挥中心态势大屏 (issue 28): a dark full-screen view for the wall — counts per type and stage, the
// map, the newest signals; refreshes every 30 s. No personal data (the board list carries none). Owner: board.
// Dark without the platform's light tokens (inherit: false): its grey text and light tints are for white ground.
import { SIGNAL_STAGE_LABELS, SIGNAL_STAGES, SIGNAL_TYPE_LABELS, SIGNAL_TYPES } from '@taishan/domain';
import { useQuery } from '@tanstack/react-query';
import { Col, ConfigProvider, Row, Statistic, theme } from 'antd';
import { RegionMap } from '../../components/RegionMap.tsx';
import { formatTime, pick, useI18n } from '../../i18n.tsx';
import { useSession } from '../../session.tsx';
import { childOf, fetchBoard, useChildRegionNames } from './board-api.ts';

export function WallPage() {
  const { t, lang } = useI18n();
  const { me } = useSession();
  const board = useQuery({ queryKey: ['cmBoard', 'wall'], queryFn: () => fetchBoard('pageSize=12'), refetchInterval: 30_000 });
  const prefix = me?.scope.regionPrefix ?? '';
  const names = useChildRegionNames(prefix);
  const byChild = new Map<string, number>();
  for (const [code, n] of Object.entries(board.data?.countsByRegion ?? {}))
    byChild.set(childOf(prefix, code), (byChild.get(childOf(prefix, code)) ?? 0) + n);
  const box = { background: '#0b1f3a', borderRadius: 8, padding: 16, height: '100%' };
  return (
    // The dark algorithm's secondary text (white at 0.45) on the wall's #0b1f3a boxes is 4.35:1,
    // below WCAG AA's 4.5 for the map's 12 px notes: lighter secondary text on the wall.
    <ConfigProvider
      theme={{
        inherit: false,
        algorithm: theme.darkAlgorithm,
        token: { colorTextSecondary: 'rgba(255, 255, 255, 0.75)', colorTextDescription: 'rgba(255, 255, 255, 0.75)' },
      }}
    >
      {/* Focusable and named: the wall scrolls on a small screen, and a keyboard user must be able to scroll it. */}
      <section
        aria-label={t('cmBoWallTitle')}
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must take focus to scroll by keyboard (WCAG 2.1.1)
        tabIndex={0}
        data-testid="cm-wall"
        style={{ position: 'fixed', inset: 0, zIndex: 1000, background: '#020c1b', color: '#e6f4ff', padding: 24, overflow: 'auto' }}
      >
        <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'baseline' }}>
          <h1 style={{ color: '#e6f4ff', fontSize: 36, margin: 0 }}>{t('cmBoWallTitle')}</h1>
          <span style={{ opacity: 0.7 }}>{t('cmBoAutoRefresh')}</span>
        </div>
        <Row gutter={16} style={{ marginTop: 16 }}>
          {SIGNAL_TYPES.map((x) => (
            <Col key={x} flex={1}>
              <div style={box}>
                <Statistic
                  title={<span style={{ color: '#d9d9d9' }}>{pick(lang, SIGNAL_TYPE_LABELS[x])}</span>}
                  value={board.data?.countsByType[x] ?? 0}
                  valueStyle={{ fontSize: 40, color: '#69b1ff' }}
                />
              </div>
            </Col>
          ))}
        </Row>
        <Row gutter={16} style={{ marginTop: 16 }}>
          {SIGNAL_STAGES.filter((s) => s !== 'closed').map((s) => (
            <Col key={s} flex={1}>
              <div style={box}>
                <Statistic
                  title={<span style={{ color: '#d9d9d9' }}>{pick(lang, SIGNAL_STAGE_LABELS[s])}</span>}
                  value={board.data?.countsByStage[s] ?? 0}
                  valueStyle={{ fontSize: 32, color: '#95de64' }}
                />
              </div>
            </Col>
          ))}
        </Row>
        <Row gutter={16} style={{ marginTop: 16 }}>
          <Col span={15}>
            <div style={box}>
              {prefix && (
                <RegionMap
                  region={prefix}
                  title={t('cmBoMapTitle')}
                  items={[...byChild].map(([code, n]) => ({
                    code,
                    name: names.get(code) ?? code,
                    value: n,
                    colour: n > 20 ? '#cf1322' : n > 5 ? '#fa8c16' : '#fadb14',
                  }))}
                  valueLabel={t('cmBoCount')}
                  points={(board.data?.points ?? []).map((p) => ({ lng: p.lng, lat: p.lat, name: pick(lang, SIGNAL_TYPE_LABELS[p.type]) }))}
                  height={560}
                />
              )}
            </div>
          </Col>
          <Col span={9}>
            <div style={box}>
              <h2 style={{ color: '#e6f4ff' }}>{t('cmBoNewest')}</h2>
              {(board.data?.items ?? []).map((s) => (
                <div key={s.id} style={{ borderBottom: '1px solid #1d3b63', padding: '8px 0', fontSize: 18 }}>
                  <span style={{ color: s.severity === 'critical' ? '#ff7875' : s.severity === 'high' ? '#ffc069' : '#91caff' }}>
                    【{pick(lang, SIGNAL_TYPE_LABELS[s.sourceType])}】
                  </span>
                  {s.title}
                  <div style={{ opacity: 0.7, fontSize: 14 }}>
                    {s.regionName ?? s.regionCode} · {pick(lang, SIGNAL_STAGE_LABELS[s.stage])} · {formatTime(s.occurredAt, lang)}
                    {s.overdue ? ` · ${t('cmBoOverdue')}` : ''}
                  </div>
                </div>
              ))}
            </div>
          </Col>
        </Row>
      </section>
    </ConfigProvider>
  );
}

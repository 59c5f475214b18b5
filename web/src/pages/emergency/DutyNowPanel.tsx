// "Who is on duty now" (当前值班), a small panel for the 工作台 (the caller's own roster) and the
// accident page (the duty of the accident's county, with its published duty phone). Shows nothing
// for a reader without the ability. Owner: teams (救援队伍、专家、值班).
import { DUTY_ROLE_LABELS } from '@taishan/domain';
import { useQuery } from '@tanstack/react-query';
import { Card, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { pick, useI18n } from '../../i18n.tsx';
import { may, useSession } from '../../session.tsx';
import { bjDay, bjTime, fetchDutyNow } from './teams-api.ts';

/** A phone number inside text is underlined: colour alone does not mark a link (WCAG 1.4.1). */
const TEL_LINK = { textDecoration: 'underline' } as const;

export function DutyNowPanel({ accidentId }: { accidentId?: string }) {
  const { t, lang } = useI18n();
  const { me } = useSession();
  const allowed = may(me, 'teams.view') && (!accidentId || !me?.scope.enterpriseId);
  const q = useQuery({
    queryKey: ['teams', 'now', accidentId ?? ''],
    queryFn: () => fetchDutyNow(accidentId ? `accidentId=${accidentId}` : ''),
    enabled: allowed,
    refetchInterval: 300_000,
  });
  if (!allowed || !q.data || q.data.rosters.length === 0) return null;
  return (
    <Card size="small" title={accidentId ? t('emTeNowAccident') : t('emTeNowTitle')} data-testid="duty-now">
      <Space direction="vertical" style={{ width: '100%' }}>
        {q.data.rosters.map((r) => (
          <div key={`${r.ownerKind}:${r.ownerId}`}>
            <Link to={`/emergency/duty?ownerKind=${r.ownerKind}&ownerId=${r.ownerId}`}>
              <Typography.Text strong>{r.ownerName}</Typography.Text>
            </Link>
            {r.people.length === 0 ? (
              <div>
                <Typography.Text type="warning">{t('emTeNowNobody')}</Typography.Text>
              </div>
            ) : (
              r.people.map((p) => (
                <div key={`${p.personName}${p.startsAt}`} data-testid="duty-now-person">
                  <Tag color={p.role === 'leader' ? 'purple' : 'blue'}>{pick(lang, DUTY_ROLE_LABELS[p.role])}</Tag>
                  {p.personName}{' '}
                  <a style={TEL_LINK} href={`tel:${p.phone}`}>
                    {p.phone}
                  </a>{' '}
                  <Typography.Text type="secondary">
                    {t('emTeNowUntil', { t: `${bjDay(p.endsAt).slice(5)} ${bjTime(p.endsAt)}` })}
                  </Typography.Text>
                </div>
              ))
            )}
          </div>
        ))}
        {q.data.dutyPhone && (
          <Typography.Text>
            {t('emTeNowDutyPhone')}：
            <a style={TEL_LINK} href={`tel:${q.data.dutyPhone}`}>
              {q.data.dutyPhone}
            </a>
          </Typography.Text>
        )}
      </Space>
    </Card>
  );
}

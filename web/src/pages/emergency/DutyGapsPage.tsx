// The 24-hour rosters with gaps in the next 7 days (the 工作台's item): a government's own and its
// units that must keep 24-hour duty (Decree 708 Art. 14); an enterprise's own. Owner: teams.
import { DUTY_OWNER_KIND_LABELS } from '@taishan/domain';
import { useQuery } from '@tanstack/react-query';
import { Card, Table, Typography } from 'antd';
import { Link } from 'react-router';
import { pick, useI18n } from '../../i18n.tsx';
import { bjDay, bjTime, fetchGaps, type RosterGapItem } from './teams-api.ts';

export function DutyGapsPage() {
  const { t, lang } = useI18n();
  const q = useQuery({ queryKey: ['teams', 'gaps'], queryFn: fetchGaps });
  return (
    <Card title={t('emTeDutyGapsTitle')} data-testid="duty-gaps">
      <Table<RosterGapItem>
        rowKey={(r) => `${r.ownerKind}:${r.ownerId}`}
        size="small"
        loading={q.isLoading}
        dataSource={q.data?.items ?? []}
        pagination={{ pageSize: 20, showTotal: (n) => t('total', { n }) }}
        columns={[
          {
            title: t('emTeDutyOwner'),
            key: 'owner',
            render: (_, r) => `${r.ownerName}（${pick(lang, DUTY_OWNER_KIND_LABELS[r.ownerKind])}）`,
          },
          {
            title: t('emTeDutyGaps'),
            key: 'gaps',
            render: (_, r) => (
              <Typography.Text>
                {r.gaps
                  .slice(0, 3)
                  .map((g) => `${bjDay(g.from).slice(5)} ${bjTime(g.from)}–${bjDay(g.to).slice(5)} ${bjTime(g.to)}`)
                  .join('；')}
                {r.gaps.length > 3 ? ' …' : ''}
              </Typography.Text>
            ),
          },
          { title: t('emTeDutyGapMinutes'), dataIndex: 'gapMinutes' },
          {
            title: '',
            key: 'open',
            render: (_, r) => <Link to={`/emergency/duty?ownerKind=${r.ownerKind}&ownerId=${r.ownerId}`}>{t('emTeDutyOpen')}</Link>,
          },
        ]}
      />
    </Card>
  );
}

// A rescue team: kind, size, equipment, where it is (region, coordinates, base), contacts,
// readiness, its agreements with units, and who is on its duty now; edited by those allowed
// (allowedActions). Owner: teams (救援队伍、专家、值班).
import { TEAM_KIND_LABELS, TEAM_READINESS_LABELS } from '@taishan/domain';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, Space, Tag } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { ApiError } from '../../api.ts';
import { pick, useI18n } from '../../i18n.tsx';
import { TeamForm } from './TeamForm.tsx';
import { AgreementsTable } from './TeamsPage.tsx';
import { fetchTeam } from './teams-api.ts';

export function TeamDetailPage() {
  const { id = '' } = useParams();
  const { t, lang } = useI18n();
  const [editing, setEditing] = useState(false);
  const q = useQuery({ queryKey: ['teams', 'team', id], queryFn: () => fetchTeam(id) });
  if (q.error) return <Alert type="error" message={q.error instanceof ApiError ? q.error.message : String(q.error)} />;
  const team = q.data;
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="team-detail">
      <Card
        loading={q.isLoading}
        title={team?.name}
        extra={
          <Space>
            {team?.allowedActions.includes('roster') && (
              <Link to={`/emergency/duty?ownerKind=team&ownerId=${team.id}`}>
                <Button>{t('emTeDutyTitle')}</Button>
              </Link>
            )}
            {team?.allowedActions.includes('edit') && (
              <Button type="primary" onClick={() => setEditing(true)} data-testid="team-edit">
                {t('emTeEdit')}
              </Button>
            )}
          </Space>
        }
      >
        {team && (
          <Descriptions bordered size="small" column={{ xs: 1, md: 2 }}>
            <Descriptions.Item label={t('emTeKind')}>{pick(lang, TEAM_KIND_LABELS[team.kind])}</Descriptions.Item>
            <Descriptions.Item label={t('emTeReadiness')}>
              <Tag>{pick(lang, TEAM_READINESS_LABELS[team.readiness])}</Tag>
            </Descriptions.Item>
            <Descriptions.Item label={t('emTeSpecialty')}>{team.specialty ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('emTeSize')}>{team.size}</Descriptions.Item>
            {team.enterpriseName && <Descriptions.Item label={t('emTeUnit')}>{team.enterpriseName}</Descriptions.Item>}
            <Descriptions.Item label={t('emTeRegion')}>{team.regionName}</Descriptions.Item>
            <Descriptions.Item label={`${t('emTeLat')} / ${t('emTeLng')}`}>
              {team.lat !== null && team.lng !== null ? `${team.lat}, ${team.lng}` : '—'}
            </Descriptions.Item>
            <Descriptions.Item label={t('emTeBase')}>{team.baseAddress ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('emTeContact')}>{`${team.contactName} ${team.contactPhone}`}</Descriptions.Item>
            <Descriptions.Item label={t('emTeEquipment')} span={2}>
              {team.equipment.length ? team.equipment.map((e) => <Tag key={e}>{e}</Tag>) : '—'}
            </Descriptions.Item>
            {team.note && (
              <Descriptions.Item label={t('emTeNote')} span={2}>
                {team.note}
              </Descriptions.Item>
            )}
          </Descriptions>
        )}
      </Card>
      {team && team.agreements.length > 0 && (
        <Card title={t('emTeTabAgreements')} size="small">
          <AgreementsTable items={team.agreements} />
        </Card>
      )}
      {team && <TeamForm open={editing} team={team} onClose={() => setEditing(false)} />}
    </Space>
  );
}

// An expert: field, title, unit, phone (personal data: masked unless the reader is a regulator of
// the expert's jurisdiction), region and coordinates. Owner: teams (救援队伍、专家、值班).
import { EXPERT_FIELD_LABELS } from '@taishan/domain';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions } from 'antd';
import { useState } from 'react';
import { useParams } from 'react-router';
import { ApiError } from '../../api.ts';
import { pick, useI18n } from '../../i18n.tsx';
import { ExpertForm } from './TeamForm.tsx';
import { ExpertPhone } from './TeamsPage.tsx';
import { fetchExpert } from './teams-api.ts';

export function ExpertDetailPage() {
  const { id = '' } = useParams();
  const { t, lang } = useI18n();
  const [editing, setEditing] = useState(false);
  const q = useQuery({ queryKey: ['teams', 'expert', id], queryFn: () => fetchExpert(id) });
  if (q.error) return <Alert type="error" message={q.error instanceof ApiError ? q.error.message : String(q.error)} />;
  const x = q.data;
  return (
    <Card
      loading={q.isLoading}
      title={x?.name}
      data-testid="expert-detail"
      extra={
        x?.allowedActions.includes('edit') && (
          <Button type="primary" onClick={() => setEditing(true)}>
            {t('emTeEdit')}
          </Button>
        )
      }
    >
      {x && (
        <Descriptions bordered size="small" column={{ xs: 1, md: 2 }}>
          <Descriptions.Item label={t('emTeField')}>
            {pick(lang, EXPERT_FIELD_LABELS[x.field] ?? { zh: x.field, en: x.field })}
          </Descriptions.Item>
          <Descriptions.Item label={t('emTeTitle')}>{x.title ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('emTeWorkUnit')}>{x.unit ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('emTePhone')}>
            <ExpertPhone e={x} />
          </Descriptions.Item>
          <Descriptions.Item label={t('emTeRegion')}>{x.regionName}</Descriptions.Item>
          <Descriptions.Item label={`${t('emTeLat')} / ${t('emTeLng')}`}>
            {x.lat !== null && x.lng !== null ? `${x.lat}, ${x.lng}` : '—'}
          </Descriptions.Item>
          {x.note && (
            <Descriptions.Item label={t('emTeNote')} span={2}>
              {x.note}
            </Descriptions.Item>
          )}
        </Descriptions>
      )}
      {x && !x.phoneMasked && <ExpertForm open={editing} expert={x} onClose={() => setEditing(false)} />}
    </Card>
  );
}

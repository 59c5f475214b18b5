import { HAZARD_STATUS_LABELS, type HazardLevel, type HazardStatus } from '@taishan/domain';
import { Tag } from 'antd';
import { pick, useI18n } from '../../i18n.tsx';

const STATUS_COLOUR: Record<HazardStatus, string> = {
  reported: 'default',
  assigned: 'blue',
  rectifying: 'processing',
  pendingAcceptance: 'gold',
  closed: 'success',
  cancelled: 'default',
};

export function StatusTag({ status }: { status: HazardStatus }) {
  const { lang } = useI18n();
  return (
    <Tag color={STATUS_COLOUR[status]} data-testid={`status-${status}`}>
      {pick(lang, HAZARD_STATUS_LABELS[status])}
    </Tag>
  );
}

export function HazardLevelTag({ level }: { level: HazardLevel }) {
  const { t } = useI18n();
  return <Tag color={level === 'major' ? 'red' : 'orange'}>{level === 'major' ? t('majorHazard') : t('general')}</Tag>;
}

/** The tier a hazard is listed at (挂牌督办): county or city. */
export function ListedTierLabel({ tier }: { tier: 'county' | 'city' }) {
  const { t } = useI18n();
  return <>{tier === 'city' ? t('listedCity') : t('listedCounty')}</>;
}

// /open/enforcement (一公开): the 双随机 draws with their commitments and results, and the penalty
// decisions published under 安全生产法 Art. 78. No login; personal data masked by the server.
import { Tabs, Typography } from 'antd';
import { useI18n } from '../../../i18n-provider.tsx';
import { DecisionsPublic } from './DecisionsPublic.tsx';
import { DrawsPublic } from './DrawsPublic.tsx';

export function OpenEnforcementPage() {
  const { t } = useI18n();
  return (
    <div style={{ maxWidth: 1100, margin: '0 auto', padding: 16 }}>
      <Typography.Title level={3}>{t('openTitle')}</Typography.Title>
      <Tabs
        items={[
          { key: 'draws', label: t('openDraws'), children: <DrawsPublic /> },
          { key: 'decisions', label: t('openDecisions'), children: <DecisionsPublic /> },
        ]}
      />
    </div>
  );
}

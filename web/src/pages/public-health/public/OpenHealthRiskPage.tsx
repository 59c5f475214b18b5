// The public risk-level page (/open/health-risk): the current level of each township and county on
// the map and in a list, with the announcements. No person appears here. Owner: levels.
import { useI18n } from '../../../i18n-provider.tsx';

export function OpenHealthRiskPage() {
  const { t } = useI18n();
  return <h1>{t('phLvOpenTitle')}</h1>;
}

import { RISK_LEVEL_INFO, type RiskLevel } from '@taishan/domain';
import { Tag } from 'antd';
import { pick, useI18n } from '../i18n.tsx';
import { RISK_TEXT } from '../theme.ts';

/** A risk level in its colour: 红 重大 / 橙 较大 / 黄 一般 / 蓝 低. */
export function LevelTag({ level }: { level: RiskLevel | null | undefined }) {
  const { t, lang } = useI18n();
  if (!level) return <Tag>{t('unassessed')}</Tag>;
  const info = RISK_LEVEL_INFO[level];
  return (
    <Tag color={info.hex} style={{ color: RISK_TEXT }} data-testid={`level-${level}`}>
      {pick(lang, info)}
    </Tag>
  );
}

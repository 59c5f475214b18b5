// Small pieces of the credit pages: the level tag and the event kind's label.
import { CREDIT_LEVEL_LABELS, type CreditEventKind, type CreditLevel } from '@taishan/domain';
import { Tag } from 'antd';
import type { MessageKey } from '../../i18n.tsx';
import { pick, useI18n } from '../../i18n.tsx';

const COLOURS: Record<CreditLevel, string> = { A: 'green', B: 'blue', C: 'orange', D: 'red' };

export function LevelTag({ level }: { level: CreditLevel | null }) {
  const { t, lang } = useI18n();
  if (!level) return <Tag>{t('crNoLevel')}</Tag>;
  return (
    <Tag color={COLOURS[level]} data-testid="credit-level">
      {pick(lang, CREDIT_LEVEL_LABELS[level])}
    </Tag>
  );
}

export const EVENT_KEYS: Record<CreditEventKind, MessageKey> = {
  penalty: 'crEventPenalty',
  accident: 'crEventAccident',
  listedHazard: 'crEventListedHazard',
  overdueFix: 'crEventOverdueFix',
  blacklist: 'crEventBlacklist',
  commitment: 'crEventCommitment',
  brokenCommitment: 'crEventBrokenCommitment',
  report: 'crEventReport',
  falseReport: 'crEventFalseReport',
  goodRecord: 'crEventGoodRecord',
};
export const EVENT_COLOURS: Record<CreditEventKind, string> = {
  penalty: 'orange',
  accident: 'red',
  listedHazard: 'volcano',
  overdueFix: 'gold',
  blacklist: 'magenta',
  commitment: 'green',
  brokenCommitment: 'red',
  report: 'blue',
  falseReport: 'red',
  goodRecord: 'green',
};

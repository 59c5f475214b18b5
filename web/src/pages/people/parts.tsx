// Small shared pieces of the people pages: a certificate's status tag with its days, and the
// labels of positions and categories from the domain.
import { CERTIFICATE_STATUS_LABELS, type CertificateStatus, SPECIAL_WORK_CATEGORIES } from '@taishan/domain';
import { Tag, Tooltip } from 'antd';
import { pick, useI18n } from '../../i18n.tsx';
import type { Certificate } from './people-api.ts';

const COLOR: Record<CertificateStatus, string> = {
  valid: 'green',
  reviewWindow: 'orange',
  expiryWindow: 'orange',
  reviewOverdue: 'red',
  expired: 'red',
  retestRequired: 'volcano',
};

export function StatusTag({ status }: { status: CertificateStatus }) {
  const { lang } = useI18n();
  return <Tag color={COLOR[status]}>{pick(lang, CERTIFICATE_STATUS_LABELS[status])}</Tag>;
}

export function categoryLabel(code: string | null, lang: 'zh' | 'en'): string {
  const c = SPECIAL_WORK_CATEGORIES.find((x) => x.code === code);
  return c ? `${c.no}. ${pick(lang, c)}` : '';
}

export function CertificateChip({ c }: { c: Certificate }) {
  const { t, lang } = useI18n();
  const days = c.daysToDue >= 0 ? t('ppDaysToDue', { n: c.daysToDue }) : t('ppDaysOverdue', { n: -c.daysToDue });
  const name = c.kind === 'special' ? categoryLabel(c.category, lang) : t('ppQualificationShort');
  return (
    <Tooltip title={`${c.number} · ${t(c.nextDueKind === 'review' ? 'ppDueReview' : 'ppDueRenewal')} ${c.nextDue} · ${days}`}>
      <span style={{ marginRight: 8, whiteSpace: 'nowrap' }}>
        {name} <StatusTag status={c.status} />
      </span>
    </Tooltip>
  );
}

// Small pieces the assessment pages share: the grade tag, the status tag, the 暂定 tag.
import { ASSESSMENT_GRADE_LABELS, ASSESSMENT_STATUS_LABELS, type AssessmentGrade, type AssessmentStatus } from '@taishan/domain';
import { Tag, Tooltip } from 'antd';
import { pick, useI18n } from '../../i18n.tsx';

export const GRADE_COLOURS: Record<AssessmentGrade, string> = { excellent: 'green', good: 'blue', pass: 'gold', fail: 'red' };

export function AssessmentGradeTag({ grade }: { grade: AssessmentGrade | null }) {
  const { lang } = useI18n();
  if (!grade) return <span>—</span>;
  return (
    <Tag color={GRADE_COLOURS[grade]} data-testid="assessment-grade">
      {pick(lang, ASSESSMENT_GRADE_LABELS[grade])}
    </Tag>
  );
}

export function AssessmentStatusTag({ status }: { status: AssessmentStatus }) {
  const { lang } = useI18n();
  return <Tag>{pick(lang, ASSESSMENT_STATUS_LABELS[status])}</Tag>;
}

export function ProvisionalTag({ hint }: { hint?: string }) {
  const { t } = useI18n();
  return (
    <Tooltip title={hint ?? t('asProvisionalHint')}>
      <Tag color="orange">{t('asProvisional')}</Tag>
    </Tooltip>
  );
}

/** Points as people read them: up to two decimals, no trailing zeros. */
export const points = (n: number | null | undefined) => (n === null || n === undefined ? '—' : String(Math.round(n * 100) / 100));

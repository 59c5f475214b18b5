// Small pieces the accident pages share: the grade tag, a figure that may be unknown (不详), and the
// live countdown to a reporting deadline (red with the minutes late once it has passed).
import { ACCIDENT_GRADE_LABELS, type AccidentGrade } from '@taishan/domain';
import { Tag, Tooltip } from 'antd';
import { useEffect, useState } from 'react';
import { formatTime, pick, useI18n } from '../../i18n.tsx';

export const GRADE_COLOUR: Record<AccidentGrade, string> = {
  ordinary: 'gold',
  major: 'orange',
  serious: 'red',
  especiallySerious: 'magenta',
};

export function GradeTag({ grade, nearMiss = false }: { grade: AccidentGrade; nearMiss?: boolean }) {
  const { t, lang } = useI18n();
  return (
    <>
      <Tag color={GRADE_COLOUR[grade]} data-testid="accident-grade">
        {pick(lang, ACCIDENT_GRADE_LABELS[grade])}
      </Tag>
      {nearMiss && <Tag color="purple">{t('accNearMiss')}</Tag>}
    </>
  );
}

/** A count or an amount, or 不详 when not known yet. */
export function Figure({ value, unit }: { value: number | null | undefined; unit?: string }) {
  const { t } = useI18n();
  if (value === null || value === undefined) return <span className="acc-unknown">{t('accUnknown')}</span>;
  return (
    <span>
      {value}
      {unit ?? ''}
    </span>
  );
}

/** The current time, refreshed every `ms` (a countdown's clock). */
export function useNow(ms = 15_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(id);
  }, [ms]);
  return now;
}

/** Time left to a deadline, or minutes late: green/orange while it runs, red once passed. */
export function Countdown({ deadline, done, testId }: { deadline: string; done?: string | null; testId?: string }) {
  const { t, lang } = useI18n();
  const now = useNow();
  const due = Date.parse(deadline);
  const title = `${t('accDeadline')} ${formatTime(deadline, lang)}`;
  if (done) {
    const late = Math.max(0, Math.ceil((Date.parse(done) - due) / 60_000));
    return (
      <Tooltip title={title}>
        <Tag color={late > 0 ? 'red' : 'green'} data-testid={testId}>
          {late > 0 ? t('accLateBy', { n: late }) : t('accOnTime')}
        </Tag>
      </Tooltip>
    );
  }
  const left = Math.floor((due - now) / 60_000);
  if (left < 0) {
    return (
      <Tooltip title={title}>
        <Tag color="red" data-testid={testId}>
          {t('accOverdueBy', { n: Math.ceil((now - due) / 60_000) })}
        </Tag>
      </Tooltip>
    );
  }
  return (
    <Tooltip title={title}>
      <Tag color={left < 30 ? 'orange' : 'blue'} data-testid={testId}>
        {t('accTimeLeft', { h: Math.floor(left / 60), m: left % 60 })}
      </Tag>
    </Tooltip>
  );
}

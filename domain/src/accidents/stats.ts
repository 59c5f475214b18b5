// Accident statistics (issue 25 item 7): the figures regulators read — counts, deaths, injuries
// and direct loss — for a period and the same period a year earlier, and whether each went down
// ("双下降": both the number of accidents and the deaths fall). The server counts in SQL; the
// comparison is computed here so the page, the Excel and the tests say the same.
export const ACCIDENT_MEASURES = ['accidents', 'deaths', 'seriousInjuries', 'minorInjuries', 'missing', 'directLossWanYuan'] as const;
export type AccidentMeasure = (typeof ACCIDENT_MEASURES)[number];
export const ACCIDENT_MEASURE_LABELS: Record<AccidentMeasure, { zh: string; en: string }> = {
  accidents: { zh: '事故起数', en: 'Accidents' },
  deaths: { zh: '死亡人数', en: 'Deaths' },
  seriousInjuries: { zh: '重伤人数', en: 'Serious injuries' },
  minorInjuries: { zh: '轻伤人数', en: 'Minor injuries' },
  missing: { zh: '下落不明', en: 'Missing' },
  directLossWanYuan: { zh: '直接经济损失（万元）', en: 'Direct loss (10,000 yuan)' },
};

export type Change = {
  current: number;
  previous: number;
  delta: number /** null when the previous figure was 0 */;
  percent: number | null;
  direction: 'up' | 'down' | 'flat';
};

/** The change from the same period last year; percent rounded to one decimal. */
export function yearOnYear(current: number, previous: number): Change {
  const delta = Math.round((current - previous) * 100) / 100;
  return {
    current,
    previous,
    delta,
    percent: previous === 0 ? null : Math.round(((current - previous) / previous) * 1000) / 10,
    direction: delta > 0 ? 'up' : delta < 0 ? 'down' : 'flat',
  };
}

/** 双下降: fewer accidents and fewer deaths than the same period last year. */
export const doubleDecline = (accidents: Change, deaths: Change) => accidents.direction === 'down' && deaths.direction === 'down';

/**
 * The same period a year earlier (a Feb 29 maps to Feb 28; a period ending on the last day of a
 * February ends on the last day of last year's, so February 2025 compares with all of February 2024).
 */
export function samePeriodLastYear(p: { from: string; to: string }): { from: string; to: string } {
  const back = (d: string, end: boolean) => {
    const y = Number(d.slice(0, 4)) - 1;
    const md = d.slice(5);
    const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
    if (md === '02-29' && !leap) return `${y}-02-28`;
    if (end && md === '02-28' && leap) return `${y}-02-29`;
    return `${y}-${md}`;
  };
  return { from: back(p.from, false), to: back(p.to, true) };
}

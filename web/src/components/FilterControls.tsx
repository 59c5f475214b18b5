// The controls of list filters, each bound to a URL parameter (useFilters): a link that carries
// filters (from the workbench, say) shows them set, and every change is a URL that can be shared.
import { DatePicker, Input, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { type MessageKey, useI18n } from '../i18n.tsx';
import { VISUALLY_HIDDEN } from '../theme.ts';
import { RegionCascader } from './RegionCascader.tsx';
import { useEnterprisePicker } from './useEnterprisePicker.ts';
import { currentParams, useFilters } from './useFilters.ts';

/** Words to search for, sent when entered (Enter or the search button), cleared with ×. */
export function KeywordFilter({
  param = 'q',
  placeholder,
  width = 260,
  testId,
}: {
  param?: string;
  placeholder: MessageKey;
  width?: number;
  testId?: string;
}) {
  const { t } = useI18n();
  const { params, set } = useFilters();
  const current = params.get(param) ?? '';
  const [text, setText] = useState(current);
  useEffect(() => setText(current), [current]);
  return (
    <Input.Search
      allowClear
      aria-label={t(placeholder)}
      placeholder={t(placeholder)}
      style={{ width }}
      value={text}
      onChange={(e) => setText(e.target.value)}
      onSearch={(v) => set(param, v.trim() || undefined)}
      data-testid={testId ?? `filter-${param}`}
    />
  );
}

/** A range of days (YYYY-MM-DD, Beijing), as two URL parameters; either end may be open. */
export function DateRangeFilter({ from = 'from', to = 'to', label }: { from?: string; to?: string; label: MessageKey }) {
  const { t } = useI18n();
  const { params, setParams } = useFilters();
  const day = (k: string) => {
    const v = params.get(k);
    return v ? dayjs(v) : null;
  };
  return (
    <DatePicker.RangePicker
      allowEmpty={[true, true]}
      aria-label={t(label)}
      placeholder={[`${t(label)} ${t('filterFrom')}`, `${t(label)} ${t('filterTo')}`]}
      value={[day(from), day(to)]}
      onChange={(range: [Dayjs | null, Dayjs | null] | null) => {
        const next = currentParams();
        const [a, b] = range ?? [null, null];
        for (const [k, d] of [
          [from, a],
          [to, b],
        ] as const) {
          if (d) next.set(k, d.format('YYYY-MM-DD'));
          else next.delete(k);
        }
        next.delete('page');
        setParams(next);
      }}
      data-testid={`filter-${from}-${to}`}
    />
  );
}

/** One enterprise of the caller's scope, searched by name as typed. */
export function EnterpriseFilter({ param = 'enterpriseId', width = 220 }: { param?: string; width?: number }) {
  const { t } = useI18n();
  const { params, set } = useFilters();
  const picker = useEnterprisePicker(true);
  return (
    <Select
      allowClear
      showSearch
      filterOption={false}
      aria-label={t('enterprise')}
      placeholder={t('enterprise')}
      style={{ width }}
      value={params.get(param) ?? undefined}
      onSearch={picker.onSearch}
      onChange={(v) => set(param, v)}
      options={picker.options}
      data-testid={`filter-${param}`}
    />
  );
}

/** A region at any level within the caller's area. */
export function RegionFilter({ param = 'region' }: { param?: string }) {
  const { t } = useI18n();
  const { params, set } = useFilters();
  // A label for screen readers names the cascader's input (it takes no aria-label; issue 22 item 22).
  return (
    <>
      <label htmlFor={`filter-${param}`} style={VISUALLY_HIDDEN}>
        {t('region')}
      </label>
      <RegionCascader
        id={`filter-${param}`}
        changeOnSelect
        placeholder={t('region')}
        style={{ width: 240 }}
        value={params.get(param)}
        onChange={(code) => set(param, code)}
      />
    </>
  );
}

/** One of a fixed set of values. */
export function SelectFilter({
  param,
  label,
  options,
  width = 140,
}: {
  param: string;
  label: string;
  options: { value: string; label: string }[];
  width?: number;
}) {
  const { params, set } = useFilters();
  return (
    <Select
      allowClear
      aria-label={label}
      placeholder={label}
      style={{ width }}
      value={params.get(param) ?? undefined}
      onChange={(v) => set(param, v)}
      options={options}
      data-testid={`filter-${param}`}
    />
  );
}

/** Free text matched exactly (the audit log's actor or object id). */
export function TextFilter({ param, label, width = 180 }: { param: string; label: MessageKey; width?: number }) {
  return <KeywordFilter param={param} placeholder={label} width={width} />;
}

// The filters a link (from the workbench, say) put into the URL, named in words, with a way to
// drop them: pages without a control for every filter still show that the list is narrowed.
import { Button, Space, Tag, Typography } from 'antd';
import { useI18n } from '../i18n.tsx';
import { useFilters } from './useFilters.ts';

/** `describe` names a filter and its value in the page's words; null hides it (paging, sorting). */
export function ActiveFilters({ describe }: { describe: (key: string, value: string) => string | null }) {
  const { t } = useI18n();
  const { params, setParams, set } = useFilters();
  const shown = [...params.entries()].map(([k, v]) => ({ k, label: describe(k, v) })).filter((f) => f.label !== null);
  if (!shown.length) return null;
  return (
    <Space wrap style={{ marginBottom: 12 }} data-testid="active-filters">
      <Typography.Text type="secondary">{t('activeFilters')}</Typography.Text>
      {shown.map((f) => (
        <Tag key={f.k} closable onClose={() => set(f.k, undefined)}>
          {f.label}
        </Tag>
      ))}
      <Button size="small" type="link" onClick={() => setParams(new URLSearchParams())}>
        {t('clearFilters')}
      </Button>
    </Space>
  );
}

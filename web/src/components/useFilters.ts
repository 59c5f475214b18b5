// List filters live in the URL (shareable, survive reload). Setting a filter returns to page 1;
// `exportQuery` is the same filters without paging, for the Excel export link.
import { useSearchParams } from 'react-router';

/**
 * The filters in the address bar now. React Router renders a navigation in a transition, so the
 * hook's `params` can lag one change behind: two filters set in quick succession (type, Enter,
 * type, Enter) would otherwise build the second URL from the first one's stale parameters and
 * drop it. The browser's URL is updated synchronously by each navigation, so it is read instead.
 */
export function currentParams(): URLSearchParams {
  return new URLSearchParams(window.location.search);
}

export function useFilters() {
  const [params, setParams] = useSearchParams();
  const set = (key: string, value: string | undefined) => {
    const next = currentParams();
    if (value) next.set(key, value);
    else next.delete(key);
    if (key !== 'page') next.delete('page');
    setParams(next);
  };
  const exportQuery = new URLSearchParams(params);
  for (const k of ['page', 'pageSize', 'sort']) exportQuery.delete(k);
  /** A list's pager: its page in the URL, like the filters. */
  const pagination = (total: number | undefined, pageSize: number, showTotal: (n: number) => string) => ({
    current: Number(params.get('page') ?? 1),
    pageSize,
    total: total ?? 0,
    showTotal,
    onChange: (page: number) => set('page', String(page)),
  });
  return { params, setParams, set, pagination, query: params.toString(), exportQuery: exportQuery.toString() };
}

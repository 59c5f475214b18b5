// The enterprise picker behind the "enterprise" selects of several forms: the first 20
// enterprises in the caller's scope matching what was typed, as Select options.
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api, type Enterprise, type Page } from '../api.ts';

export function useEnterprisePicker(enabled: boolean) {
  const [search, setSearch] = useState('');
  const found = useQuery({
    queryKey: ['enterprises', 'pick', search],
    queryFn: () => api<Page<Enterprise>>(`/api/v1/enterprises?pageSize=20&q=${encodeURIComponent(search)}`),
    enabled,
  });
  return { onSearch: setSearch, options: (found.data?.items ?? []).map((e) => ({ value: e.id, label: e.name })) };
}

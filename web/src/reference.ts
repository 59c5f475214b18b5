import { useQuery } from '@tanstack/react-query';
import { api, type Reference } from './api.ts';

export const useReference = () =>
  useQuery({ queryKey: ['reference'], queryFn: () => api<Reference>('/api/v1/reference'), staleTime: Number.POSITIVE_INFINITY });

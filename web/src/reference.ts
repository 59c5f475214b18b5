import { useQuery } from '@tanstack/react-query';
import { type Reference, api } from './api.ts';

export const useReference = () =>
  useQuery({ queryKey: ['reference'], queryFn: () => api<Reference>('/api/v1/reference'), staleTime: Number.POSITIVE_INFINITY });

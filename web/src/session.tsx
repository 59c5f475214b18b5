// Who is logged in. The role decides the navigation; the server still decides every permission.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, type ReactNode, useContext } from 'react';
import { api, type Me } from './api.ts';

const Ctx = createContext<{ me: Me | null; loading: boolean; refresh: () => void }>({ me: null, loading: true, refresh: () => {} });

export function SessionProvider({ children }: { children: ReactNode }) {
  const qc = useQueryClient();
  const q = useQuery({ queryKey: ['me'], queryFn: () => api<Me>('/api/v1/me').catch(() => null), staleTime: 60_000 });
  return (
    <Ctx.Provider value={{ me: q.data ?? null, loading: q.isLoading, refresh: () => qc.invalidateQueries() }}>{children}</Ctx.Provider>
  );
}

export const useSession = () => useContext(Ctx);

export const isAdmin = (me: Me | null) => me?.role === 'platformAdmin';
/** Who handles public reports (mirrors the server's mayHandle): admins and area supervisors. */
export const mayHandleReports = (me: Me | null) =>
  !!me && ['platformAdmin', 'provinceSupervisor', 'citySupervisor', 'countySupervisor', 'townshipSupervisor'].includes(me.role);
export const isGovernment = (me: Me | null) => !!me && !['enterpriseAdmin', 'enterpriseStaff'].includes(me.role);
export const canCreateEnterprise = (me: Me | null) =>
  !!me && ['platformAdmin', 'provinceSupervisor', 'citySupervisor', 'countySupervisor', 'townshipSupervisor'].includes(me.role);

// Who is logged in. Menus and buttons follow me.abilities (the server's answers); the server still decides every permission.
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

/** The answer of one of the user's abilities (domain auth/abilities.ts), false before login. */
export const may = (me: Me | null, ability: string) => me?.abilities[ability] === true;

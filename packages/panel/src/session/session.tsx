import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { type ApiFailure, api, call, type Schemas } from '../api/client';

export type User = Schemas['SignedInUserResponse'];

/**
 * Who is signed in. The access token lives in the httpOnly cookie the API sets at sign-in, out of
 * reach of scripts; the app learns who it belongs to from GET /api/users/me, on load and after
 * signing in.
 */
export type Session =
  | Readonly<{ state: 'loading' }>
  | Readonly<{ state: 'signed-out' }>
  | Readonly<{ state: 'signed-in'; user: User }>
  | Readonly<{ state: 'unavailable'; failure: ApiFailure }>;

type SessionContextValue = Readonly<{
  session: Session;
  /** Asks the API again who is signed in (after sign-in, a profile change, or to retry). */
  refresh: () => Promise<void>;
  signOut: () => Promise<ApiFailure | undefined>;
}>;

const SessionContext = createContext<SessionContextValue | undefined>(undefined);

export function SessionProvider({ children }: Readonly<{ children: ReactNode }>) {
  const [session, setSession] = useState<Session>({ state: 'loading' });

  const refresh = useCallback(async () => {
    const result = await call(() => api.GET('/api/users/me'));
    if (result.ok) setSession({ state: 'signed-in', user: result.data });
    else if (result.failure.status === 401) setSession({ state: 'signed-out' });
    else setSession({ state: 'unavailable', failure: result.failure });
  }, []);

  const signOut = useCallback(async () => {
    const result = await call(() => api.POST('/api/auth/logout'));
    // An ended or expired session is signed out too.
    if (result.ok || result.failure.status === 401) {
      setSession({ state: 'signed-out' });
      return undefined;
    }
    return result.failure;
  }, []);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  const value = useMemo(() => ({ session, refresh, signOut }), [session, refresh, signOut]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionContextValue {
  const value = useContext(SessionContext);
  if (value === undefined) throw new Error('useSession outside SessionProvider');
  return value;
}

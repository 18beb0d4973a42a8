import { useCallback, useEffect, useState } from 'react';
import { get, UNAUTHORIZED_EVENT } from './api/client.js';
import type { SessionState } from './api/types.js';
import { AuthPage } from './auth/auth-page.js';
import { ErrorAlert, Loading } from './components/ui.js';
import { Navigate } from './navigate.js';
import { Screens } from './screens.js';

/**
 * The session gate: asks the server who we are, then shows setup (no admin yet), sign-in (no
 * session) or the dashboard. Any 401 later on (session expired) brings sign-in back.
 */
export function App() {
  const [session, setSession] = useState<SessionState>();
  const [error, setError] = useState<unknown>();
  const refresh = useCallback(() => {
    get<SessionState>('/session').then(setSession, setError);
  }, []);
  useEffect(refresh, [refresh]);
  useEffect(() => {
    const expired = () => setSession((s) => (s ? { ...s, user: null } : s));
    window.addEventListener(UNAUTHORIZED_EVENT, expired);
    return () => window.removeEventListener(UNAUTHORIZED_EVENT, expired);
  }, []);

  if (error) {
    return (
      <main className="auth">
        <ErrorAlert error={error} title="Herald is not answering" />
      </main>
    );
  }
  if (!session) return <Loading />;
  if (session.setupRequired || !session.user) {
    return (
      <>
        <Navigate to={session.setupRequired ? '/setup' : '/login'} keepNext />
        <AuthPage mode={session.setupRequired ? 'setup' : 'login'} onSignedIn={refresh} />
      </>
    );
  }
  return <Screens user={session.user} onSignedOut={() => setSession({ ...session, user: null })} />;
}

import { useEffect } from 'react';
import { navigate, useLocation } from './router.js';

/**
 * Moves to `to` (replacing history). With `keepNext`, the page we were on is kept as `?next=` so
 * that signing in returns there.
 */
export function Navigate({ to, keepNext }: { to: string; keepNext?: boolean }) {
  const { path, search } = useLocation();
  useEffect(() => {
    if (path === to) return;
    const next =
      keepNext && path !== '/' && path !== '/login' && path !== '/setup'
        ? path
        : search.get('next');
    navigate(next ? `${to}?next=${encodeURIComponent(next)}` : to, { replace: true });
  }, [to, keepNext, path, search]);
  return null;
}

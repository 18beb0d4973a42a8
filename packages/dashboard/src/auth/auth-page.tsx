import { type FormEvent, useState } from 'react';
import { ApiError, post } from '../api/client.js';
import { ErrorAlert, Field } from '../components/ui.js';
import { navigate, useLocation, useTitle } from '../router.js';

const MIN_PASSWORD = 10;

/** First-run setup (creates the first admin) and sign-in: one form, two purposes. */
export function AuthPage({
  mode,
  onSignedIn,
}: {
  mode: 'setup' | 'login';
  onSignedIn: () => void;
}) {
  const setup = mode === 'setup';
  useTitle(setup ? 'Set up Herald' : 'Sign in');
  const { search } = useLocation();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const [submitted, setSubmitted] = useState(false);
  const fieldError = (field: string) =>
    error instanceof ApiError && error.field === field ? error.message : undefined;
  const mismatch = setup && (confirm !== '' || submitted) && confirm !== password;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (setup && confirm !== password) return;
    setBusy(true);
    setError(undefined);
    try {
      await post(setup ? '/setup' : '/login', { email, password });
      const next = search.get('next');
      navigate(next && next.startsWith('/') && !next.startsWith('//') ? next : '/', {
        replace: true,
      });
      onSignedIn();
    } catch (reason) {
      setError(reason);
      setBusy(false);
    }
  };

  const general = error && !(error instanceof ApiError && error.field) ? error : undefined;
  return (
    <main className="auth">
      <div className="card">
        <form className="card-body" onSubmit={submit} noValidate>
          <div className="brand">
            <img src="/favicon.svg" alt="" /> Herald
          </div>
          <div>
            <h1>{setup ? 'Create the admin account' : 'Sign in'}</h1>
            <p className="muted small auth-lead">
              {setup
                ? 'Herald has no admin yet. The account you create here manages every workspace.'
                : 'Sign in to manage your in-app messages.'}
            </p>
          </div>
          {general ? (
            <ErrorAlert
              error={
                error instanceof ApiError && error.code === 'rate_limited'
                  ? new Error(
                      `Too many failed attempts. Try again in ${error.retryAfter ?? 60} seconds.`,
                    )
                  : general
              }
            />
          ) : null}
          <Field label="Email" path="email" error={fieldError('email')}>
            {(control) => (
              <input
                {...control}
                type="email"
                autoComplete={setup ? 'email' : 'username'}
                value={email}
                onChange={(e) => setEmail(e.target.value)}
                required
                autoFocus
              />
            )}
          </Field>
          <Field
            label="Password"
            path="password"
            error={fieldError('password')}
            hint={setup ? `At least ${MIN_PASSWORD} characters.` : undefined}
          >
            {(control) => (
              <input
                {...control}
                type="password"
                autoComplete={setup ? 'new-password' : 'current-password'}
                value={password}
                onChange={(e) => setPassword(e.target.value)}
                required
                minLength={setup ? MIN_PASSWORD : undefined}
              />
            )}
          </Field>
          {setup && (
            <Field
              label="Confirm password"
              path="confirm"
              error={mismatch ? 'The two passwords differ.' : undefined}
            >
              {(control) => (
                <input
                  {...control}
                  type="password"
                  autoComplete="new-password"
                  value={confirm}
                  onChange={(e) => setConfirm(e.target.value)}
                  required
                />
              )}
            </Field>
          )}
          <button className="btn btn-primary" type="submit" disabled={busy}>
            {busy ? 'Please wait…' : setup ? 'Create account and continue' : 'Sign in'}
          </button>
        </form>
      </div>
    </main>
  );
}

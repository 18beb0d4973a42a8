import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from '../../accounts/passwords.js';
import type { Failures, Resource } from './operations.js';
import { ref } from './shared.js';

/**
 * Dashboard sign-in (accounts/routes.ts): reachable without credentials, since it is how a
 * person gets some. Every POST needs `X-Herald-CSRF: 1`, so that no other site can sign a
 * visitor in or out. The session travels in the `herald_session` cookie.
 */

const csrf: Failures = { csrf_required: 'The header `X-Herald-CSRF: 1` is missing' };

const credentials = (minPassword: number) => ({
  type: 'object',
  required: ['email', 'password'],
  additionalProperties: false,
  properties: {
    email: { type: 'string', maxLength: 320, format: 'email' },
    password: { type: 'string', minLength: minPassword, maxLength: MAX_PASSWORD_LENGTH },
  },
});

const signedIn = { type: 'object', required: ['user'], properties: { user: ref('AdminUser') } };

export const session: Resource = {
  tag: { name: 'Session', description: 'Dashboard sign-in, without credentials' },
  paths: {
    '/session': {
      get: {
        operationId: 'getSession',
        summary: 'Who is signed in, and whether the first admin remains to be created',
        public: true,
        answer: {
          type: 'object',
          required: ['setupRequired', 'user'],
          properties: {
            setupRequired: { type: 'boolean' },
            user: { oneOf: [ref('AdminUser'), { type: 'null' }] },
          },
        },
      },
    },
    '/setup': {
      post: {
        operationId: 'setup',
        summary: 'Create the first admin account, and sign in as it',
        public: true,
        body: credentials(MIN_PASSWORD_LENGTH),
        status: 201,
        answer: signedIn,
        errors: { ...csrf, setup_done: 'An admin account exists already' },
      },
    },
    '/login': {
      post: {
        operationId: 'login',
        summary: 'Sign in: sets the session cookie',
        public: true,
        body: credentials(1),
        answer: signedIn,
        errors: {
          ...csrf,
          invalid_login: 'Wrong email or password',
          rate_limited: 'Too many failed sign-ins for this address or email; see `Retry-After`',
        },
      },
    },
    '/logout': {
      post: {
        operationId: 'logout',
        summary: 'Sign out: ends the session and clears the cookie',
        public: true,
        status: 204,
        errors: csrf,
      },
    },
  },
  schemas: {
    AdminUser: {
      type: 'object',
      required: ['id', 'email'],
      properties: { id: { type: 'string' }, email: { type: 'string' } },
    },
  },
};

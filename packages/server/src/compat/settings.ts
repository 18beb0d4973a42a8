import type { FastifyPluginAsync } from 'fastify';
import type { WriteKeyResolver } from '../auth/write-key.js';
import { HeraldError } from '../errors.js';
import { overHttps } from '../http/over-https.js';
import type { MessageCatalogue } from '../inapp/catalogue.js';

export interface CompatSettingsOptions {
  writeKeys: WriteKeyResolver;
  catalogue: MessageCatalogue;
}

/**
 * What `GET /v1/projects/:writeKey/settings` answers: the settings document that
 * `@segment/analytics-next` and `@customerio/cdp-analytics-browser` fetch before they send
 * anything (their `loadLegacySettings`). Each reads its own destination's entry for where to post
 * (`<protocol>://<apiHost>/<t|i|p|s|g|a|b>`), so both point at this server. Nothing else is
 * switched on: no device-mode destinations (neither entry has `type: "browser"`), no remote
 * plugins or middleware to download, and no telemetry (`metrics.sampleRate: 0`).
 *
 * `herald` tells Herald's own SDK whether in-app messaging is on for the workspace.
 */
export interface CompatSettingsDocument {
  integrations: Record<'Segment.io' | 'Customer.io Data Pipelines', DestinationSettings>;
  analyticsNextEnabled: true;
  middlewareSettings: Record<string, never>;
  enabledMiddleware: Record<string, never>;
  metrics: { sampleRate: 0 };
  legacyVideoPluginsEnabled: false;
  remotePlugins: [];
  herald: { inApp: { enabled: boolean; anonymous: boolean } };
}

interface DestinationSettings {
  apiKey: string;
  apiHost: string;
  protocol: 'http' | 'https';
}

/**
 * The settings endpoint of the clients sites already use, so that they run against Herald with
 * only their CDN/host changed.
 *
 * @example
 * await app.register(compatSettingsRoutes, { prefix: '/v1', writeKeys, catalogue });
 * // GET /v1/projects/<writeKey>/settings → { integrations: { 'Segment.io': { apiHost: … } }, … }
 */
export const compatSettingsRoutes: FastifyPluginAsync<CompatSettingsOptions> = async (
  app,
  { writeKeys, catalogue },
) => {
  app.get<{ Params: { writeKey: string } }>(
    '/projects/:writeKey/settings',
    async (request, reply) => {
      const { writeKey } = request.params;
      const workspaceId = await writeKeys.authenticate(request, { writeKey });
      const workspace = (await catalogue.get(workspaceId))?.workspace;
      if (!workspace) throw new HeraldError('invalid_write_key');
      const destination: DestinationSettings = {
        apiKey: writeKey,
        apiHost: `${request.host}/v1`,
        protocol: overHttps(request) ? 'https' : 'http',
      };
      const document: CompatSettingsDocument = {
        integrations: { 'Segment.io': destination, 'Customer.io Data Pipelines': destination },
        analyticsNextEnabled: true,
        middlewareSettings: {},
        enabledMiddleware: {},
        metrics: { sampleRate: 0 },
        legacyVideoPluginsEnabled: false,
        remotePlugins: [],
        herald: {
          inApp: { enabled: workspace.inApp.enabled, anonymous: workspace.inApp.anonymous },
        },
      };
      // Any site fetches it cross-origin. Private: the answer depends on the Host header, so no
      // shared cache may keep one visitor's answer for another.
      return reply
        .header('access-control-allow-origin', '*')
        .header('cache-control', 'private, max-age=60')
        .send(document);
    },
  );
};

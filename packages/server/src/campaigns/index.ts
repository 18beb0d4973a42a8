import type { FastifyInstance } from 'fastify';
import type { ChangeBus } from '../inapp/bus.js';
import { JobRunner } from '../jobs/runner.js';
import type { Store } from '../store/index.js';
import { campaignsEffect } from './effect.js';
import { registerCampaignJobs } from './jobs.js';
import { RulesCache } from './rules.js';
import { registerSegmentJobs } from './segment-jobs.js';

/**
 * Segments, broadcasts and campaigns on one node: the ingest effect that keeps membership up to
 * date and fires triggers, and the durable job runner (broadcasts, delays, segment builds,
 * hourly refresh of time-relative segments). Started with the app, stopped when it closes:
 * a job under way finishes (or rolls back whole) first.
 *
 * @example
 * startCampaigns(app, store, bus); // in buildApp, after createInApp
 */
export function startCampaigns(app: FastifyInstance, store: Store, bus: ChangeBus): JobRunner {
  const rules = new RulesCache(bus);
  const { dialect } = store.database;
  store.events.addEffect(campaignsEffect(rules, bus, dialect));
  const runner = new JobRunner(store.database.db, dialect, {
    pollMs: Number(process.env.HERALD_JOB_POLL_MS ?? 1000),
    logger: app.log,
  });
  registerCampaignJobs(runner, bus, dialect);
  registerSegmentJobs(runner, bus, rules, dialect);
  app.decorate('jobs', runner);
  app.addHook('onReady', async () => runner.start());
  app.addHook('onClose', async () => {
    await runner.stop();
    rules.close();
  });
  return runner;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The durable job runner: runDue() in tests, wake() after scheduling something due now. */
    jobs: JobRunner;
  }
}

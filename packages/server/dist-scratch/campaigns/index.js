import { JobRunner } from '../jobs/runner.js';
import { campaignsEffect } from './effect.js';
import { registerCampaignJobs } from './jobs.js';
import { RulesCache } from './rules.js';
/**
 * Segments, broadcasts and campaigns on one node: the ingest effect that keeps membership up to
 * date and fires triggers, and the durable job runner (broadcasts, delays, segment builds,
 * hourly refresh of time-relative segments). Started with the app, stopped when it closes:
 * a job under way finishes (or rolls back whole) first.
 *
 * @example
 * startCampaigns(app, store, bus); // in buildApp, after createInApp
 */
export function startCampaigns(app, store, bus) {
    const rules = new RulesCache(bus);
    store.events.addEffect(campaignsEffect(rules, bus));
    const runner = new JobRunner(store.database.db, store.database.dialect, {
        pollMs: Number(process.env.HERALD_JOB_POLL_MS ?? 1000),
        logger: app.log,
    });
    registerCampaignJobs(runner, bus);
    app.decorate('jobs', runner);
    app.addHook('onReady', async () => runner.start());
    app.addHook('onClose', async () => {
        await runner.stop();
        rules.close();
    });
    return runner;
}
//# sourceMappingURL=index.js.map
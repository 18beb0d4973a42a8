import type { ChangeBus } from '../inapp/bus.js';
import type { JobRunner } from '../jobs/runner.js';
/** How often segments whose answer changes with time alone are re-evaluated. */
export declare const REFRESH_EVERY_MS = 3600000;
/** The campaign jobs: broadcasts, delayed campaign sends, segment builds and time refreshes. */
export declare function registerCampaignJobs(runner: JobRunner, bus: ChangeBus): void;
//# sourceMappingURL=jobs.d.ts.map
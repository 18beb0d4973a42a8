import { type CallType } from '@herald/protocol';
import type { LoggedRequest } from '../store/ingest-log.js';
import { type NormalizedEvent } from './normalize.js';
/**
 * Makes every check the processor's normalisation will make, without building rows; answers
 * how many calls the batch holds. Throws the same 400 as normalisation would.
 */
export declare function checkBatch(body: unknown): number;
/** The same for a single call posted to `/v1/<type>`. */
export declare function checkSingle(body: unknown, type: CallType): void;
/** The events of a logged request, timed by when it was received. */
export declare function eventsOf(request: LoggedRequest): NormalizedEvent[];
//# sourceMappingURL=requests.d.ts.map
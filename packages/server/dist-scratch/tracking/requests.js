import { TRACKING_LIMITS } from '@herald/protocol';
import { HeraldError, invalid } from '../errors.js';
import { asObject, batchDefaults, checkCall, normalizeCall, } from './normalize.js';
/**
 * A tracking request's two moments: accepted (checked whole, then logged as received) and
 * processed (turned into events). Both read the body the same way, so a request accepted once is
 * one the processor can read, and its calls keep the batch order.
 */
/** The calls of a `/v1/batch` body, or a 400 naming the first problem. */
function batchOf(body) {
    const object = asObject(body, 'body');
    if (object === undefined)
        throw invalid('body', 'must be an object with a "batch" array');
    const items = object.batch;
    if (!Array.isArray(items))
        throw invalid('batch', 'must be an array of calls');
    if (items.length > TRACKING_LIMITS.maxBatchCalls) {
        throw new HeraldError('body_too_large', `batch holds ${items.length} calls; at most ${TRACKING_LIMITS.maxBatchCalls} are accepted`, 'batch');
    }
    return { object, items };
}
/**
 * Makes every check the processor's normalisation will make, without building rows; answers
 * how many calls the batch holds. Throws the same 400 as normalisation would.
 */
export function checkBatch(body) {
    const { object, items } = batchOf(body);
    const defaults = batchDefaults(object);
    for (let i = 0; i < items.length; i++)
        checkCall(items[i], undefined, defaults, `batch.${i}`);
    return items.length;
}
/** The same for a single call posted to `/v1/<type>`. */
export function checkSingle(body, type) {
    checkCall(body, type, {}, 'body');
}
/** The events of a logged request, timed by when it was received. */
export function eventsOf(request) {
    const body = JSON.parse(request.body);
    if (request.route !== 'batch') {
        return [normalizeCall(body, request.route, request.receivedAt, {}, 'body')];
    }
    const { object, items } = batchOf(body);
    const defaults = batchDefaults(object);
    return items.map((item, i) => normalizeCall(item, undefined, request.receivedAt, defaults, `batch.${i}`));
}
//# sourceMappingURL=requests.js.map
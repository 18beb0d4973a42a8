import type { IngestEffect } from './ingest-effect.js';
/**
 * All of Herald's identity rules, applied to accepted events inside the ingest transaction:
 *
 * - a call with a userId makes sure that person has a profile;
 * - a userId with an anonymousId links that anonymous ID to the profile, which merges the
 *   anonymous activity into the person's history (many anonymous IDs may merge into one profile);
 *   an anonymous ID already linked to someone stays with them: the first link wins, so a shared
 *   computer never hands one person's history to the next;
 * - identify merges traits into the profile, key by key;
 * - alias(previousId → userId) merges the profile previousId names into userId's, or links
 *   previousId as an anonymous ID when nobody has it yet.
 *
 * One instance serves one transaction: it caches what it resolved for the events that follow.
 */
export declare const identityEffect: IngestEffect;
//# sourceMappingURL=identity.d.ts.map
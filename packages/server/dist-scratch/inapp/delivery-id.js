import { createHmac } from 'node:crypto';
import { safeEqual } from '../auth/constant-time.js';
/**
 * Delivery IDs are signed, not stored: `<messageId>.<version>.<queueId>.<visitor proof>`, where
 * the proof is an HMAC of the visitor's key (`a:<anonymousId>` or `u:<userId>`) with the
 * workspace's secret key. An event is accepted only from the visitor the message was delivered
 * to, so nobody can move another visitor's figures or frequency state; and the server needs no
 * row per delivery, and one HMAC per answer rather than one per message.
 */
export function visitorProof(secretKey, visitor) {
    return createHmac('sha256', secretKey)
        .update(`visitor:${visitor}`)
        .digest('base64url')
        .slice(0, 22);
}
export function deliveryIdFor(proof, delivery) {
    return `${delivery.messageId}.${delivery.version}.${delivery.queueId ?? ''}.${proof}`;
}
/** The delivery an ID stands for, if it was issued to `visitor` by this workspace. */
export function verifyDelivery(secretKey, visitor, deliveryId) {
    const parts = deliveryId.split('.');
    if (parts.length !== 4 || deliveryId.length > 512)
        return undefined;
    const [messageId, version, queueId, proof] = parts;
    if (!safeEqual(proof, visitorProof(secretKey, visitor)))
        return undefined;
    if (!messageId || !/^\d{1,9}$/.test(version))
        return undefined;
    return queueId
        ? { messageId, version: Number(version), queueId }
        : { messageId, version: Number(version) };
}
//# sourceMappingURL=delivery-id.js.map
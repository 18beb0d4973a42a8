/** What a delivery ID stands for: this message (version) went to the visitor holding it. */
export interface Delivery {
    messageId: string;
    version: number;
    /** The queue entry of a test send. */
    queueId?: string;
}
/**
 * Delivery IDs are signed, not stored: `<messageId>.<version>.<queueId>.<visitor proof>`, where
 * the proof is an HMAC of the visitor's key (`a:<anonymousId>` or `u:<userId>`) with the
 * workspace's secret key. An event is accepted only from the visitor the message was delivered
 * to, so nobody can move another visitor's figures or frequency state; and the server needs no
 * row per delivery, and one HMAC per answer rather than one per message.
 */
export declare function visitorProof(secretKey: string, visitor: string): string;
export declare function deliveryIdFor(proof: string, delivery: Delivery): string;
/** The delivery an ID stands for, if it was issued to `visitor` by this workspace. */
export declare function verifyDelivery(secretKey: string, visitor: string, deliveryId: string): Delivery | undefined;
//# sourceMappingURL=delivery-id.d.ts.map
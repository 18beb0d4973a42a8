import type { Message, MessageDefinition, MessageStatus } from '@herald/protocol';
import type { Kysely } from 'kysely';
import type { Schema } from './schema.js';
/** A lifecycle step: draft → active ⇄ paused → archived. */
export type Transition = 'launch' | 'pause' | 'archive';
/** Messages and their lifecycle. Definitions arrive validated (inapp/definition.ts). */
export declare class MessageRepository {
    private readonly db;
    constructor(db: Kysely<Schema>);
    create(workspaceId: string, definition: MessageDefinition): Promise<Message>;
    get(workspaceId: string, id: string): Promise<Message | undefined>;
    list(workspaceId: string, status?: MessageStatus): Promise<Message[]>;
    /** Every active message of a workspace, as the delivery path caches them. */
    active(workspaceId: string): Promise<Message[]>;
    /**
     * Replaces the definition. A draft changes in place; a launched message (active or paused)
     * changes only when the caller says so explicitly, and gets a new content version.
     */
    update(workspaceId: string, id: string, definition: MessageDefinition, options: {
        newVersion: boolean;
    }): Promise<Message>;
    transition(workspaceId: string, id: string, transition: Transition): Promise<Message>;
    /** Deletes a draft or an archived message with all its figures. */
    delete(workspaceId: string, id: string): Promise<void>;
    require(workspaceId: string, id: string): Promise<Message>;
}
//# sourceMappingURL=messages.d.ts.map
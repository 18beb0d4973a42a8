import { type CompiledPageRules, type Display, type Message } from '@herald/protocol';
import type { Template } from 'liquidjs';
import type { Store } from '../store/index.js';
import type { Workspace } from '../store/workspaces.js';
import type { ChangeBus } from './bus.js';
/** A message ready to deliver: page rules compiled and Liquid parsed, once per version. */
export interface PreparedMessage {
    message: Message;
    launchedAt: number | null;
    startAt: number | null;
    endAt: number | null;
    pageRules: CompiledPageRules;
    steps: PreparedStep[];
    /** Whether any step needs rendering for the person (Liquid). */
    personalised: boolean;
    /**
     * The message as delivered, serialised once, without its closing brace: the visitor's
     * `deliveryId` and `state` are appended per answer.
     */
    fragment: string;
}
export interface PreparedStep {
    name: string;
    html: string;
    display?: Display;
    template?: Template[];
}
/** A workspace's settings and active messages, as the delivery path reads them on every poll. */
export interface WorkspaceCatalogue {
    workspace: Workspace;
    /** Changes whenever the catalogue is reloaded: part of every ETag. */
    version: string;
    messages: PreparedMessage[];
}
/**
 * Keeps each workspace's catalogue in memory, reloaded after a change to its messages or settings
 * (announced on the bus, by this node or another) and at the latest every minute.
 */
export declare class MessageCatalogue {
    private readonly store;
    private readonly cache;
    private readonly prepared;
    private readonly unsubscribe;
    constructor(store: Store, bus: ChangeBus);
    /** The workspace's catalogue, or undefined when the workspace does not exist. */
    get(workspaceId: string): Promise<WorkspaceCatalogue | undefined>;
    /** Prepares any message (a test send may be a draft), cached per id and version. */
    prepare(message: Message): PreparedMessage;
    close(): void;
    private load;
}
//# sourceMappingURL=catalogue.d.ts.map
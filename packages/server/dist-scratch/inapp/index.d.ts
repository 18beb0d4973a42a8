import type { Store } from '../store/index.js';
import type { ChangeBus } from './bus.js';
import { MessageCatalogue } from './catalogue.js';
import { DeliveryService } from './delivery.js';
import { StreamHub } from './stream.js';
/** The in-app engine of one node: catalogue, delivery, live streams, and its ingest effects. */
export interface InApp {
    catalogue: MessageCatalogue;
    delivery: DeliveryService;
    hub: StreamHub;
    bus: ChangeBus;
    close(): void;
}
export declare function createInApp(store: Store, bus: ChangeBus): InApp;
//# sourceMappingURL=index.d.ts.map
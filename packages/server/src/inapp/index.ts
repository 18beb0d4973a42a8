import type { Store } from '../store/index.js';
import type { ChangeBus } from './bus.js';
import { MessageCatalogue } from './catalogue.js';
import { DeliveryService } from './delivery.js';
import { inAppEffect } from './effects.js';
import { goalsEffect } from './goals.js';
import { StreamHub } from './stream.js';

/** The in-app engine of one node: catalogue, delivery, live streams, and its ingest effects. */
export interface InApp {
  catalogue: MessageCatalogue;
  delivery: DeliveryService;
  hub: StreamHub;
  bus: ChangeBus;
  close(): void;
}

export function createInApp(store: Store, bus: ChangeBus): InApp {
  const catalogue = new MessageCatalogue(store, bus);
  const delivery = new DeliveryService(store, catalogue, bus);
  const hub = new StreamHub(bus);
  store.events.addEffect(inAppEffect(bus));
  store.events.addEffect(goalsEffect(bus));
  return {
    catalogue,
    delivery,
    hub,
    bus,
    close() {
      hub.close();
      delivery.close();
      catalogue.close();
    },
  };
}

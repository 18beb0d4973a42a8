import { MessageCatalogue } from './catalogue.js';
import { DeliveryService } from './delivery.js';
import { inAppEffect } from './effects.js';
import { goalsEffect } from './goals.js';
import { StreamHub } from './stream.js';
export function createInApp(store, bus) {
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
//# sourceMappingURL=index.js.map
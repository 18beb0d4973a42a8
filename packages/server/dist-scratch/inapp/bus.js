import { EventEmitter } from 'node:events';
export class LocalBus {
    emitter = new EventEmitter().setMaxListeners(0);
    publish(change) {
        this.emitter.emit('change', change);
    }
    subscribe(listener) {
        this.emitter.on('change', listener);
        return () => this.emitter.off('change', listener);
    }
    async close() {
        this.emitter.removeAllListeners();
    }
}
//# sourceMappingURL=bus.js.map
import AsyncStorage from '@react-native-async-storage/async-storage';
import { warn } from './log';

/**
 * Where the SDK keeps what must survive a restart of the app (the anonymous ID, the person, the
 * send queue, what the visitor did with messages): AsyncStorage, under keys prefixed with the
 * write key. Every failure is logged and swallowed: storage trouble must never crash the app.
 */
export interface Storage {
  get<T>(key: string): Promise<T | undefined>;
  set(key: string, value: unknown): Promise<void>;
  remove(key: string): Promise<void>;
}

export function asyncStorage(prefix: string): Storage {
  const full = (key: string) => `@herald:${prefix}:${key}`;
  return {
    async get<T>(key: string) {
      try {
        const text = await AsyncStorage.getItem(full(key));
        return text === null ? undefined : (JSON.parse(text) as T);
      } catch (error) {
        warn(`could not read ${key}`, error);
        return undefined;
      }
    },
    async set(key, value) {
      try {
        await AsyncStorage.setItem(full(key), JSON.stringify(value));
      } catch (error) {
        warn(`could not store ${key}`, error);
      }
    },
    async remove(key) {
      try {
        await AsyncStorage.removeItem(full(key));
      } catch (error) {
        warn(`could not remove ${key}`, error);
      }
    },
  };
}

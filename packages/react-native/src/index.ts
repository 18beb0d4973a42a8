/**
 * @herald/react-native: Herald for React Native and Expo apps.
 *
 * @example
 * import { createHerald, HeraldProvider, HeraldInline } from '@herald/react-native';
 * const herald = createHerald({ writeKey: 'wk_…', host: 'https://herald.example.com' });
 * herald.screen('Home');
 */
export { createHerald } from './create';
export type { Herald, HeraldEvent, HeraldOptions } from './core/herald';
export type { AppInfo } from './core/context';
export type { Traits, User } from './core/identity';
export type { Storage } from './core/storage';
export type { InApp, InAppOptions } from './inapp/controller';
export { fetchStream, reactNativeSse } from './inapp/stream';
export type { StreamOpener, StreamHandlers } from './inapp/stream';
export { HeraldProvider, useHerald } from './ui/provider';
export { HeraldInline } from './ui/inline';

/**
 * Test doubles for native modules only, as their libraries publish them for Jest (there is no
 * device here): AsyncStorage's in-memory store, which outlives a client (so a new client is an
 * app restart), and the safe area's fixed insets. The SDK itself, the server and React Native's
 * components are real.
 */
jest.mock('@react-native-async-storage/async-storage', () =>
  require('@react-native-async-storage/async-storage/jest'),
);
jest.mock(
  'react-native-safe-area-context',
  () => require('react-native-safe-area-context/jest/mock').default,
);
// react-native-webview's native module (the WebView component itself renders as React Native's
// host component): what its JavaScript asks the device, answered as a device without uploads.
jest.mock('react-native-webview/lib/NativeRNCWebViewModule', () => ({
  __esModule: true,
  default: {
    isFileUploadSupported: async () => false,
    shouldStartLoadWithLockIdentifier: () => undefined,
  },
}));

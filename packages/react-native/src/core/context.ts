import { Dimensions, Platform } from 'react-native';

/** What an app says about itself; Expo apps get it from expo-application on their own. */
export interface AppInfo {
  name?: string;
  version?: string;
  build?: string;
  /** The bundle id (iOS) or package name (Android). */
  namespace?: string;
}

export const LIBRARY = { name: '@herald/react-native', version: '0.1.0' };

/** expo-application, when the app has it: its name, version and build, without configuration. */
function expoApplication(): AppInfo {
  try {
    // An optional dependency: Metro and Jest both let a require in a try fail.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const expo = require('expo-application') as {
      applicationName?: string | null;
      nativeApplicationVersion?: string | null;
      nativeBuildVersion?: string | null;
      applicationId?: string | null;
    };
    return {
      ...(expo.applicationName ? { name: expo.applicationName } : {}),
      ...(expo.nativeApplicationVersion ? { version: expo.nativeApplicationVersion } : {}),
      ...(expo.nativeBuildVersion ? { build: expo.nativeBuildVersion } : {}),
      ...(expo.applicationId ? { namespace: expo.applicationId } : {}),
    };
  } catch {
    return {};
  }
}

/**
 * The automatic context of every call, in Segment's fields: `app`, `os`, `device`, `screen`,
 * `locale`, `timezone` and `library`. The device model comes from React Native's platform
 * constants where the platform gives it (Android); iOS gives only the kind of device.
 */
export function appContext(app: AppInfo = {}): Record<string, unknown> {
  const constants = Platform.constants as Record<string, unknown>;
  const intl = Intl.DateTimeFormat().resolvedOptions();
  const { width, height, scale } = Dimensions.get('screen');
  const device: Record<string, unknown> = { type: Platform.OS };
  if (typeof constants.Model === 'string') device.model = constants.Model;
  if (typeof constants.Manufacturer === 'string') device.manufacturer = constants.Manufacturer;
  if (typeof constants.interfaceIdiom === 'string') device.kind = constants.interfaceIdiom;
  return {
    app: { ...expoApplication(), ...app },
    os: {
      name: Platform.OS === 'ios' ? 'iOS' : Platform.OS === 'android' ? 'Android' : Platform.OS,
      version: String(Platform.Version),
    },
    device,
    screen: { width, height, density: scale },
    locale: intl.locale,
    timezone: intl.timeZone,
    library: LIBRARY,
  };
}

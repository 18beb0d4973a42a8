import type { DeliveredMessage, Display } from '@herald/protocol';
import { createContext, type ReactNode, useContext, useSyncExternalStore } from 'react';
import { Modal, Pressable, StyleSheet, View, type DimensionValue } from 'react-native';
import { SafeAreaProvider, useSafeAreaInsets } from 'react-native-safe-area-context';
import type { Herald } from '../core/herald';
import type { InApp } from '../inapp/controller';
import { MessageView } from './message-view';

interface HeraldContextValue {
  herald: Herald;
  inApp: InApp | undefined;
}
const HeraldContext = createContext<HeraldContextValue | null>(null);

/** The Herald client of the nearest `<HeraldProvider>`. */
export function useHerald(): Herald {
  const value = useContext(HeraldContext);
  if (!value) throw new Error('useHerald needs a <HeraldProvider> above it');
  return value.herald;
}

/** The messages each slot shows now, re-rendering when that changes. */
export function useShowing(inApp: InApp | undefined): ReadonlyMap<string, DeliveredMessage> {
  const version = useSyncExternalStore(
    (listener) => inApp?.subscribe(listener) ?? (() => {}),
    () => key(inApp),
  );
  void version;
  return inApp?.showing() ?? EMPTY;
}
const EMPTY = new Map<string, DeliveredMessage>();
const key = (inApp: InApp | undefined) =>
  inApp ? [...inApp.showing()].map(([slot, m]) => `${slot}=${m.deliveryId}`).join() : '';

/**
 * Puts Herald's messages over the app: a modal (centre, top or bottom, over a dimmed backdrop; a
 * tap outside it, or Android's back button, dismisses it unless the message says otherwise) and
 * overlay banners along the top and the bottom edge, inside the safe area. Place it once, around
 * the app's navigation; `<HeraldInline id>` shows inline messages in a screen.
 *
 * @example
 * <HeraldProvider herald={herald}><App /></HeraldProvider>
 */
export function HeraldProvider(props: { herald: Herald; children?: ReactNode }) {
  const inApp = props.herald.inApp;
  return (
    <HeraldContext.Provider value={{ herald: props.herald, inApp }}>
      <SafeAreaProvider>
        {props.children}
        {inApp && <Messages inApp={inApp} />}
      </SafeAreaProvider>
    </HeraldContext.Provider>
  );
}

function Messages({ inApp }: { inApp: InApp }) {
  const showing = useShowing(inApp);
  const insets = useSafeAreaInsets();
  const modal = showing.get('modal');
  const top = showing.get('overlay:top');
  const bottom = showing.get('overlay:bottom');
  const dismissible = (message: DeliveredMessage) =>
    displayOf(message).dismissOnOutsideClick !== false;
  return (
    <>
      {top && (
        <View style={[styles.banner, { top: insets.top + 8 }]} pointerEvents="box-none">
          <Card message={top} inApp={inApp} />
        </View>
      )}
      {bottom && (
        <View style={[styles.banner, { bottom: insets.bottom + 8 }]} pointerEvents="box-none">
          <Card message={bottom} inApp={inApp} />
        </View>
      )}
      {modal && (
        <Modal
          transparent
          visible
          animationType="fade"
          statusBarTranslucent
          // Android's back button: a dismissible modal goes, as Escape does on the web.
          onRequestClose={() => {
            if (dismissible(modal)) inApp.report(modal, 'dismissed', {});
          }}
        >
          <View
            style={[
              styles.backdrop,
              {
                backgroundColor: displayOf(modal).overlayColor ?? 'rgba(0,0,0,0.5)',
                justifyContent: JUSTIFY[displayOf(modal).position ?? 'center'] ?? 'center',
                paddingTop: insets.top + 16,
                paddingBottom: insets.bottom + 16,
              },
            ]}
          >
            <Pressable
              testID="herald-backdrop"
              accessibilityLabel="Dismiss"
              style={StyleSheet.absoluteFill}
              onPress={() => {
                if (dismissible(modal)) inApp.report(modal, 'dismissed', {});
              }}
            />
            <Card message={modal} inApp={inApp} />
          </View>
        </Modal>
      )}
    </>
  );
}

/** A message on its card, as wide as its display says (px or %) within the screen. */
function Card({ message, inApp }: { message: DeliveredMessage; inApp: InApp }) {
  return (
    <View style={[styles.card, { width: widthOf(displayOf(message)) }]}>
      <MessageView key={message.deliveryId} inApp={inApp} message={message} />
    </View>
  );
}

export const displayOf = (message: DeliveredMessage): Display =>
  message.steps[0]?.display ?? message.display;

/** `480px` → 480 (capped by the screen's padding), `60%` → '60%'; default the full width. */
export function widthOf(display: Display): DimensionValue {
  const width = display.width ?? '';
  const px = /^(\d+(?:\.\d+)?)px$/.exec(width);
  if (px) return Math.min(Number(px[1]), 10_000);
  if (/^\d+(\.\d+)?%$/.test(width)) return width as `${number}%`;
  return '100%';
}

const JUSTIFY: Record<string, 'flex-start' | 'center' | 'flex-end'> = {
  top: 'flex-start',
  center: 'center',
  bottom: 'flex-end',
};

const styles = StyleSheet.create({
  backdrop: { flex: 1, alignItems: 'center', paddingHorizontal: 16 },
  banner: { position: 'absolute', left: 8, right: 8, alignItems: 'center' },
  card: {
    maxWidth: '100%',
    backgroundColor: '#fff',
    borderRadius: 12,
    overflow: 'hidden',
    elevation: 8,
    shadowColor: '#000',
    shadowOpacity: 0.25,
    shadowRadius: 20,
    shadowOffset: { width: 0, height: 8 },
  },
});

export { HeraldContext };

import { useContext, useEffect } from 'react';
import { type StyleProp, View, type ViewStyle } from 'react-native';
import { MessageView } from './message-view';
import { HeraldContext, useShowing } from './provider';

/**
 * Where an inline message goes in a screen: a message whose display is `inline` with selector
 * `#<id>` (or `<id>`) shows here, as wide as this view, while it is mounted. Nothing shows (and
 * nothing takes room) when no message is for it.
 *
 * @example
 * <HeraldInline id="home-banner" style={{ marginVertical: 12 }} />
 */
export function HeraldInline(props: { id: string; style?: StyleProp<ViewStyle> }) {
  const value = useContext(HeraldContext);
  const inApp = value?.inApp;
  useEffect(() => inApp?.place(props.id), [inApp, props.id]);
  const message = useShowing(inApp).get(`inline:${props.id}`);
  if (!inApp || !message) return null;
  return (
    <View style={props.style} testID={`herald-inline-${props.id}`}>
      <MessageView key={message.deliveryId} inApp={inApp} message={message} />
    </View>
  );
}

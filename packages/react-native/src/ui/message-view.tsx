import type { DeliveredMessage } from '@herald/protocol';
import { useCallback, useRef, useState } from 'react';
import { Linking, type StyleProp, type ViewStyle } from 'react-native';
import { WebView, type WebViewMessageEvent } from 'react-native-webview';
import { warn } from '../core/log';
import { type InApp, NATIVE_ORIGIN } from '../inapp/controller';

/** What the frame sends (packages/sdk/src/frame/protocol.ts): the same on web and in apps. */
type FromFrame =
  | { h: 'ready' }
  | { h: 'size'; y: number; l: string }
  | { h: 'go'; u: string; t: string }
  | { h: 'esc' }
  | { h: 'err'; m: string };

/** Ordinary links may only open real pages, mail or calls: never another scheme into the app. */
const SAFE_LINK = /^(https?|mailto|tel):/i;

/**
 * One message in a WebView holding Herald's frame document (`/sdk/frame.html`), the same
 * document and protocol as in browsers: the app sends the step's HTML, the frame reports its size
 * and the links the user follows. The message's JavaScript runs inside the WebView only: it
 * reaches the app through nothing but those messages, and the WebView never leaves the frame.
 */
export function MessageView(props: {
  inApp: InApp;
  message: DeliveredMessage;
  style?: StyleProp<ViewStyle>;
}) {
  const { inApp, message } = props;
  const webView = useRef<WebView>(null);
  const [index, setIndex] = useState(0);
  const [height, setHeight] = useState(1);
  const [label, setLabel] = useState('Message');
  const opened = useRef(false);
  const step = message.steps[Math.min(index, message.steps.length - 1)];

  const render = useCallback(
    (html: string) => {
      const data = JSON.stringify({ h: 'render', html, trap: false });
      webView.current?.injectJavaScript(
        `window.dispatchEvent(new MessageEvent('message',{data:${data},origin:${JSON.stringify(NATIVE_ORIGIN)}}));true;`,
      );
    },
    [webView],
  );
  const go = (next: number) => {
    const target = message.steps[next];
    if (!target) return inApp.report(message, 'dismissed', { step: step?.name });
    setIndex(next);
    inApp.report(message, 'changed', { actionName: target.name, step: target.name });
    render(target.html);
  };
  const act = (url: string, target: string) => {
    const herald = /^herald:\/\/([^/?#]*)\/?([^?#]*)(?:\?([^#]*))?/i.exec(url);
    const name = step?.name;
    if (herald) {
      const [, kind = '', rest = '', query = ''] = herald;
      if (kind === 'close') return inApp.report(message, 'dismissed', { step: name });
      if (kind === 'next') return go(index + 1);
      if (kind === 'step') {
        const next = message.steps.findIndex((s) => s.name === decodeURIComponent(rest));
        if (next < 0) return inApp.report(message, 'error', { error: `no step named ${rest}` });
        return next === index ? undefined : go(next);
      }
      if (kind === 'action' && rest) {
        const value = new URLSearchParams(query).get('value');
        return inApp.report(message, 'action', {
          actionName: decodeURIComponent(rest),
          ...(value !== null ? { actionValue: value } : {}),
          step: name,
        });
      }
      return inApp.report(message, 'error', { error: `unknown action ${url.slice(0, 200)}` });
    }
    if (!SAFE_LINK.test(url)) return;
    inApp.report(message, 'action', { actionName: url.slice(0, 200), step: name });
    Linking.openURL(url).catch((error: unknown) => warn(`could not open ${url}`, error));
    // As on the web: a link that leaves (not `_blank`) has done the message's job.
    if (target !== '_blank') inApp.report(message, 'dismissed', { step: name });
  };

  const onMessage = (event: WebViewMessageEvent) => {
    // Only Herald's frame document speaks: the WebView never leaves it, and this says so twice.
    if (event.nativeEvent.url.split('#')[0] !== inApp.frameUrl.split('#')[0]) return;
    let data: FromFrame;
    try {
      data = JSON.parse(event.nativeEvent.data) as FromFrame;
    } catch {
      return;
    }
    if (!data || typeof data !== 'object') return;
    if (data.h === 'ready' && step) render(step.html);
    else if (data.h === 'size') {
      setHeight(Math.max(1, Number(data.y) || 1));
      setLabel(String(data.l || 'Message'));
      if (!opened.current) {
        opened.current = true;
        inApp.report(message, 'opened', { step: step?.name });
      }
    } else if (data.h === 'go') act(String(data.u), String(data.t));
    else if (data.h === 'err') {
      inApp.report(message, 'error', { error: String(data.m).slice(0, 500) });
    }
  };

  return (
    <WebView
      ref={webView}
      testID={`herald-message-${message.id}`}
      accessibilityLabel={label}
      source={{ uri: inApp.frameUrl }}
      originWhitelist={['*']}
      onMessage={onMessage}
      // The message stays in its frame: no navigation, no new windows, no file access.
      onShouldStartLoadWithRequest={(request) =>
        request.url.split('#')[0] === inApp.frameUrl.split('#')[0]
      }
      setSupportMultipleWindows={false}
      allowFileAccess={false}
      scrollEnabled={false}
      style={[{ height, backgroundColor: 'transparent' }, props.style]}
    />
  );
}

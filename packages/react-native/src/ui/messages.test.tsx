import { act, fireEvent, render, screen, waitFor } from '@testing-library/react-native';
import { Modal, Text } from 'react-native';
import { createHerald } from '../create';
import { fetchStream } from '../inapp/stream';
import type { Herald } from '../core/herald';
import { admin, SERVER_URL, until, workspace } from '../../test/server';
import { HeraldInline } from './inline';
import { HeraldProvider } from './provider';

/** What the frame would send, delivered to the WebView as react-native-webview does. */
const fromFrame = (testId: string, data: object, url = `${SERVER_URL}/sdk/frame.html`) =>
  fireEvent(screen.getByTestId(testId), 'message', {
    nativeEvent: { data: JSON.stringify(data), url },
  });

const clients: Herald[] = [];
const client = (writeKey: string, extra: object = {}) => {
  const herald = createHerald({
    writeKey,
    host: SERVER_URL,
    anonymousInApp: true,
    flushInterval: 50,
    stream: null,
    ...extra,
  });
  clients.push(herald);
  return herald;
};
afterEach(() => {
  for (const herald of clients.splice(0)) herald.close();
});

const app = (herald: Herald) => (
  <HeraldProvider herald={herald}>
    <Text>My app</Text>
    <HeraldInline id="home-banner" />
  </HeraldProvider>
);

describe('in-app messages in a React Native app', () => {
  it('shows a launched anonymous message on the matching screen and not on others', async () => {
    const w = await workspace();
    const id = await w.launch({
      pageRules: { include: [{ op: 'equals', value: 'Home' }], exclude: [] },
    });
    const herald = client(w.writeKey);
    render(app(herald));
    herald.screen('Settings');
    await act(() => herald.inApp!.refresh());
    expect(screen.queryByTestId(`herald-message-${id}`)).toBeNull();

    await act(async () => herald.screen('Home'));
    const view = await screen.findByTestId(`herald-message-${id}`);
    // Herald's frame document, told it talks to an app.
    expect(JSON.stringify(view.props)).toContain(`${SERVER_URL}/sdk/frame.html#app%3A%2F%2Fherald`);
    expect(screen.UNSAFE_getByType(Modal).props.visible).toBe(true);

    await act(async () => herald.screen('Settings'));
    await waitFor(() => expect(screen.queryByTestId(`herald-message-${id}`)).toBeNull());
  });

  it('reports what the user does, and a dismissal holds after the app restarts', async () => {
    const w = await workspace();
    const id = await w.launch({ name: 'Welcome' });
    const events: string[] = [];
    const herald = client(w.writeKey);
    for (const type of ['opened', 'action', 'dismissed']) {
      herald.on(`in-app:message-${type}`, (event: { type: string }) => events.push(event.type));
    }
    const { unmount } = render(app(herald));
    await act(async () => herald.screen('Home'));
    const testId = `herald-message-${id}`;
    await screen.findByTestId(testId);
    // A page other than Herald's frame is not listened to.
    await act(async () => fromFrame(testId, { h: 'size', y: 10, l: 'x' }, 'https://evil.example/'));
    expect(events).toEqual([]);
    await act(async () => {
      fromFrame(testId, { h: 'ready' });
      fromFrame(testId, { h: 'size', y: 240, l: 'Welcome' });
      fromFrame(testId, { h: 'go', u: 'herald://action/start?value=now', t: '' });
      fromFrame(testId, { h: 'go', u: 'herald://close', t: '' });
    });
    expect(screen.queryByTestId(testId)).toBeNull();
    expect(events).toEqual([
      'in-app:message-opened',
      'in-app:message-action',
      'in-app:message-dismissed',
    ]);
    const anonymousId = herald.user().anonymousId;
    const reported = await until(async () => {
      const rows = (await w.activity(anonymousId)).filter((e) => e.type === 'inapp');
      return rows.length === 3 ? rows : undefined;
    });
    expect(reported.map((e) => e.name)).toEqual([
      'in-app:message-opened',
      'in-app:message-action',
      'in-app:message-dismissed',
    ]);
    unmount();
    herald.close();

    // A new client on the same storage is the app started again: same visitor, still dismissed.
    const again = client(w.writeKey);
    render(app(again));
    await again.ready;
    expect(again.user().anonymousId).toBe(anonymousId);
    await act(async () => again.screen('Home'));
    await act(() => again.inApp!.refresh());
    expect(screen.queryByTestId(testId)).toBeNull();
  });

  it('ends anonymous messages once the user is identified, and shows theirs', async () => {
    const w = await workspace();
    const anonymous = await w.launch({ name: 'Sign up' });
    const person = await w.launch({
      name: 'Welcome back',
      audience: { type: 'identified' },
      display: { type: 'overlay', position: 'bottom-center' },
    });
    const herald = client(w.writeKey);
    render(app(herald));
    await act(async () => herald.screen('Home'));
    await screen.findByTestId(`herald-message-${anonymous}`);
    await act(async () => herald.identify('ada', { plan: 'pro' }));
    await waitFor(() => expect(screen.queryByTestId(`herald-message-${anonymous}`)).toBeNull());
    await act(() => herald.inApp!.refresh());
    await screen.findByTestId(`herald-message-${person}`);
    // A banner is no modal.
    expect(screen.UNSAFE_queryByType(Modal)).toBeNull();
  });

  it('shows an inline message in its <HeraldInline>, and lets Android’s back button dismiss a modal', async () => {
    const w = await workspace();
    const banner = await w.launch({
      name: 'Banner',
      display: { type: 'inline', selector: '#home-banner' },
    });
    const modal = await w.launch({ name: 'Survey', priority: 1 });
    const herald = client(w.writeKey);
    render(app(herald));
    await act(async () => herald.screen('Home'));
    const inline = await screen.findByTestId('herald-inline-home-banner');
    expect(screen.getByTestId(`herald-message-${banner}`)).toBeTruthy();
    expect(inline).toBeTruthy();
    await screen.findByTestId(`herald-message-${modal}`);
    await act(async () => fireEvent(screen.UNSAFE_getByType(Modal), 'requestClose'));
    expect(screen.queryByTestId(`herald-message-${modal}`)).toBeNull();
    expect(screen.getByTestId(`herald-message-${banner}`)).toBeTruthy();
  });

  it('hears a launch over the stream: the message appears without asking', async () => {
    const w = await workspace();
    const herald = client(w.writeKey, { stream: fetchStream() });
    render(app(herald));
    await act(async () => herald.screen('Home'));
    await act(() => herald.inApp!.refresh());
    const id = await w.launch({ name: 'Live' });
    await screen.findByTestId(`herald-message-${id}`, {}, { timeout: 10_000 });
  });

  it('shows a test send on any screen, and converts a click when the user signs up', async () => {
    const w = await workspace();
    const id = await w.launch({
      name: 'Offer',
      pageRules: { include: [{ op: 'equals', value: 'Pricing' }], exclude: [] },
      goal: { criteria: 'click', windowDays: 7 },
    });
    const herald = client(w.writeKey);
    render(app(herald));
    await act(async () => herald.screen('Home'));
    await herald.ready;
    const sent = await admin('POST', `/workspaces/${w.id}/messages/${id}/test`, {
      anonymousId: herald.user().anonymousId,
    });
    expect(sent.status).toBe(202);
    await act(() => herald.inApp!.refresh());
    // A test shows wherever the tester is, whatever the page rules.
    const testId = `herald-message-${id}`;
    await screen.findByTestId(testId);
    await act(async () => {
      fromFrame(testId, { h: 'size', y: 100, l: 'Offer' });
      fromFrame(testId, { h: 'go', u: 'herald://close', t: '' });
    });
    // The server used the test up (the stream would say so; here the test asks).
    await until(async () => {
      await act(() => herald.inApp!.refresh());
      return [...herald.inApp!.showing().values()].length === 0 || undefined;
    });

    // The message itself, on its own screen: the test left its state alone.
    await act(async () => herald.screen('Pricing'));
    await until(async () => {
      await act(() => herald.inApp!.refresh());
      return screen.queryByTestId(testId) ?? undefined;
    });
    await act(async () => {
      fromFrame(testId, { h: 'size', y: 100, l: 'Offer' });
      fromFrame(testId, { h: 'go', u: 'herald://action/buy', t: '' });
    });
    herald.identify('buyer');
    await herald.flush();
    const metrics = await until(async () => {
      const { body } = await admin<{ views: number; conversions: number }>(
        'GET',
        `/workspaces/${w.id}/messages/${id}/metrics`,
      );
      return body.conversions === 1 ? body : undefined;
    });
    // The test send counted nowhere; the real view and click did, and converted.
    expect(metrics.views).toBe(1);
  });
});

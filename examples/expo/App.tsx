import { createHerald, HeraldInline, HeraldProvider, useHerald } from '@herald/react-native';
import { useEffect, useState } from 'react';
import { Button, ScrollView, StyleSheet, Text, View } from 'react-native';

/**
 * Where your Herald server is and which workspace: EXPO_PUBLIC_ variables are inlined by Expo
 * (`EXPO_PUBLIC_HERALD_HOST=http://192.168.1.20:8080 npx expo start`). A phone reaches your
 * computer by its network address, not 127.0.0.1.
 */
const herald = createHerald({
  host: process.env.EXPO_PUBLIC_HERALD_HOST ?? 'http://localhost:8080',
  writeKey: process.env.EXPO_PUBLIC_HERALD_WRITE_KEY ?? 'wk_replace_me',
  // Messages for people who have not logged in yet (the workspace must allow them).
  anonymousInApp: true,
});

type ScreenName = 'Home' | 'Settings';

export default function App() {
  return (
    <HeraldProvider herald={herald}>
      <Screens />
    </HeraldProvider>
  );
}

function Screens() {
  const client = useHerald();
  const [screen, setScreen] = useState<ScreenName>('Home');
  const [user, setUser] = useState(client.user().userId);
  // Page rules are tested against the screen name: `equals Home` shows a message here.
  useEffect(() => client.screen(screen), [client, screen]);
  return (
    <ScrollView contentContainerStyle={styles.page}>
      <Text style={styles.title}>{screen}</Text>
      {screen === 'Home' && <HeraldInline id="home-banner" style={styles.inline} />}
      <View style={styles.row}>
        <Button title="Home" onPress={() => setScreen('Home')} />
        <Button title="Settings" onPress={() => setScreen('Settings')} />
      </View>
      <View style={styles.row}>
        {user ? (
          <Button
            title={`Log out ${user}`}
            onPress={() => {
              client.reset();
              setUser(null);
            }}
          />
        ) : (
          <Button
            title="Log in as ada"
            onPress={() => {
              // Identify on login: anonymous messages end, the person's own begin.
              client.identify('ada', { plan: 'pro' });
              setUser('ada');
            }}
          />
        )}
        <Button title="Track “Tapped buy”" onPress={() => client.track('Tapped buy')} />
      </View>
    </ScrollView>
  );
}

const styles = StyleSheet.create({
  page: { padding: 24, paddingTop: 64, gap: 16 },
  title: { fontSize: 28, fontWeight: '700' },
  inline: { marginVertical: 8 },
  row: { flexDirection: 'row', gap: 12, flexWrap: 'wrap' },
});

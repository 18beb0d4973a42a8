import { useEffect } from 'react';
import { get, post } from './api/client.js';
import type { Workspace } from './api/types.js';
import { ErrorAlert, Loading } from './components/ui.js';
import { BroadcastPage } from './broadcasts/broadcast-page.js';
import { BroadcastListPage } from './broadcasts/list-page.js';
import { NewBroadcastPage } from './broadcasts/new-page.js';
import { CampaignPage } from './campaigns/campaign-page.js';
import { CampaignEditorPage } from './campaigns/editor-page.js';
import { CampaignListPage } from './campaigns/list-page.js';
import { useAsync } from './components/use-async.js';
import { Layout } from './layout.js';
import { MessageEditorPage } from './messages/editor-page.js';
import { MessageListPage } from './messages/list-page.js';
import { MetricsPage } from './messages/metrics-page.js';
import { AnonymousPage } from './people/anonymous-page.js';
import { PeoplePage } from './people/people-page.js';
import { ProfilePage } from './people/profile-page.js';
import { match, navigate, useLocation } from './router.js';
import { SegmentEditorPage } from './segments/editor-page.js';
import { SegmentListPage } from './segments/list-page.js';
import { SegmentPage } from './segments/segment-page.js';
import { CreateWorkspacePage } from './workspaces/create-workspace-page.js';
import { SettingsPage } from './workspaces/settings-page.js';
import { WorkspaceMessages } from './components/workspace-messages.js';

/** The signed-in dashboard: loads the workspaces, then picks the screen the path names. */
export function Screens({
  user,
  onSignedOut,
}: {
  user: { email: string };
  onSignedOut: () => void;
}) {
  const workspaces = useAsync(() => get<{ data: Workspace[] }>('/workspaces'), []);
  const { path } = useLocation();
  const list = workspaces.data?.data;

  const wsId = path.startsWith('/w/') ? path.split('/')[2] : undefined;
  const workspace = list?.find((w) => w.id === wsId);

  useEffect(() => {
    if (!list) return;
    if ((path === '/' || path === '/login' || path === '/setup') && list.length > 0) {
      const last = localStorage.getItem('herald.workspace');
      const target = list.find((w) => w.id === last) ?? list[0]!;
      navigate(`/w/${target.id}/messages`, { replace: true });
    } else if ((path === '/' || path === '/login' || path === '/setup') && list.length === 0) {
      navigate('/workspaces/new', { replace: true });
    }
  }, [list, path]);
  useEffect(() => {
    if (workspace) localStorage.setItem('herald.workspace', workspace.id);
  }, [workspace]);

  const signOut = async () => {
    try {
      await post('/logout');
    } finally {
      // The app shows sign-in as soon as it knows; no screen here may load anything meanwhile.
      onSignedOut();
    }
  };

  let screen;
  if (workspaces.error)
    screen = <ErrorAlert error={workspaces.error} title="Could not load workspaces" />;
  else if (!list) screen = <Loading />;
  else if (path === '/workspaces/new') {
    screen = (
      <CreateWorkspacePage
        first={list.length === 0}
        onCreated={(created) => {
          workspaces.setData({ data: [...list, created] });
          navigate(`/w/${created.id}/settings`);
        }}
      />
    );
  } else if (wsId && !workspace) {
    screen = <ErrorAlert error={new Error(`There is no workspace ${wsId}.`)} />;
  } else if (workspace) {
    const ws = workspace.id;
    const onWorkspaceChange = (changed: Workspace) =>
      workspaces.setData({ data: list.map((w) => (w.id === changed.id ? changed : w)) });
    let params: Record<string, string> | null;
    if (match('/w/:ws/messages', path)) screen = <MessageListPage ws={ws} />;
    else if (match('/w/:ws/messages/new', path)) screen = <MessageEditorPage ws={ws} />;
    else if ((params = match('/w/:ws/messages/:id/metrics', path))) {
      screen = <MetricsPage ws={ws} id={params.id!} />;
    } else if ((params = match('/w/:ws/messages/:id', path))) {
      screen = <MessageEditorPage ws={ws} id={params.id!} key={params.id} />;
    } else if (match('/w/:ws/segments', path)) screen = <SegmentListPage ws={ws} />;
    else if (match('/w/:ws/segments/new', path)) screen = <SegmentEditorPage ws={ws} />;
    else if ((params = match('/w/:ws/segments/:id/edit', path))) {
      screen = <SegmentEditorPage ws={ws} id={params.id!} key={params.id} />;
    } else if ((params = match('/w/:ws/segments/:id', path))) {
      screen = <SegmentPage ws={ws} id={params.id!} key={params.id} />;
    } else if (match('/w/:ws/broadcasts', path)) screen = <BroadcastListPage ws={ws} />;
    else if (match('/w/:ws/broadcasts/new', path)) screen = <NewBroadcastPage ws={ws} />;
    else if ((params = match('/w/:ws/broadcasts/:id', path))) {
      screen = <BroadcastPage ws={ws} id={params.id!} key={params.id} />;
    } else if (match('/w/:ws/campaigns', path)) screen = <CampaignListPage ws={ws} />;
    else if (match('/w/:ws/campaigns/new', path)) screen = <CampaignEditorPage ws={ws} />;
    else if ((params = match('/w/:ws/campaigns/:id/edit', path))) {
      screen = <CampaignEditorPage ws={ws} id={params.id!} key={params.id} />;
    } else if ((params = match('/w/:ws/campaigns/:id', path))) {
      screen = <CampaignPage ws={ws} id={params.id!} key={params.id} />;
    } else if (match('/w/:ws/people', path)) screen = <PeoplePage ws={ws} />;
    else if ((params = match('/w/:ws/people/:userId', path))) {
      screen = <ProfilePage ws={ws} userId={params.userId!} key={params.userId} />;
    } else if ((params = match('/w/:ws/anonymous/:anonymousId', path))) {
      screen = <AnonymousPage ws={ws} anonymousId={params.anonymousId!} />;
    } else if (match('/w/:ws/settings', path)) {
      screen = <SettingsPage workspace={workspace} onChange={onWorkspaceChange} />;
    } else screen = <ErrorAlert error={new Error('There is no such page.')} />;
    // Conditions on what people did with messages name them: messages and segments pages.
    if (/^\/w\/[^/]+\/(messages|segments)\/[^/]+/.test(path) && !path.endsWith('/metrics')) {
      screen = <WorkspaceMessages ws={ws}>{screen}</WorkspaceMessages>;
    }
  } else screen = <Loading />;

  return (
    <Layout user={user} workspaces={list ?? []} current={workspace} onSignOut={signOut}>
      {screen}
    </Layout>
  );
}

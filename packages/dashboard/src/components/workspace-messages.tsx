import { type ReactNode, useMemo } from 'react';
import { get, seg } from '../api/client.js';
import { MessageNamesContext } from './interactions.js';
import { useAsync } from './use-async.js';

/**
 * Gives what is inside the names of the workspace's messages, for conditions on what people did
 * with them (segment builder, message audiences). Until they load (or if they cannot), conditions
 * name messages by id.
 */
export function WorkspaceMessages({ ws, children }: { ws: string; children: ReactNode }) {
  const messages = useAsync(
    () => get<{ data: Array<{ id: string; name: string }> }>(`/workspaces/${seg(ws)}/messages`),
    [ws],
  );
  const names = useMemo(
    () => new Map((messages.data?.data ?? []).map((m) => [m.id, m.name])),
    [messages.data],
  );
  return <MessageNamesContext.Provider value={names}>{children}</MessageNamesContext.Provider>;
}

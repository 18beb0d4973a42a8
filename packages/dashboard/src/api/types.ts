import type { Message } from '@herald/protocol';

/** The admin API's answers, as the dashboard reads them. */

export interface SessionState {
  setupRequired: boolean;
  user: { id: string; email: string } | null;
}

export interface Workspace {
  id: string;
  name: string;
  writeKey: string;
  secretKey: string;
  inApp: { enabled: boolean; anonymous: boolean };
  identityVerification: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface MessageStats {
  views: number;
  clicks: number;
  conversions: number;
}

export type MessageWithStats = Message & { stats?: MessageStats };

export interface MetricsPoint {
  t: string;
  views: number;
  dismissals: number;
  clicks: number;
  conversions: number;
}

export interface Metrics {
  views: number;
  uniqueViewers: number;
  dismissals: number;
  clicks: Record<string, number>;
  conversions: number;
  conversionRate: number;
  series: MetricsPoint[];
}

export interface PersonSummary {
  userId: string;
  email: string | null;
  traits: Record<string, unknown>;
  lastSeenAt: string;
}

export interface Person extends PersonSummary {
  aliases: string[];
  anonymousIds: string[];
  createdAt: string;
  updatedAt: string;
}

export interface ActivityEvent {
  id: number | string;
  messageId?: string;
  type: string;
  event?: string;
  name?: string;
  userId?: string | null;
  anonymousId?: string | null;
  properties?: Record<string, unknown>;
  traits?: Record<string, unknown>;
  timestamp: string;
}

export interface Page<T> {
  data: T[];
  next: string | null;
}

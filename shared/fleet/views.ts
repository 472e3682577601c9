/** What the fleet server's page is shown (GET /api/v1/fleet…): the fleet's terminals, alerts, timelines and totals. */

export interface FleetAlertView {
  id: string;
  terminalId: string;
  /** One of main/fleet/alerts.ts's ALERT_KINDS. */
  kind: string;
  /** The server's line for it (English); the page words the kind in the operator's language. */
  detail: string;
  raisedAt: string;
  clearedAt: string | null;
}

export interface FleetTerminalView {
  id: string;
  name: string;
  /** ISO time of its last heartbeat; null: it never reported. */
  lastSeen: string | null;
  mode: 'cashier' | 'kiosk' | null;
  version: string | null;
  /** Its own health: nothing needs a person. */
  ok: boolean | null;
  locked: boolean;
  pending: number | null;
  paper: string | null;
  screen: string | null;
  eventsStored: number;
  alerts: FleetAlertView[];
}

/** GET /api/v1/fleet: the page's main view. */
export interface FleetView {
  terminals: FleetTerminalView[];
  /** Alerts cleared in the last day (their all clear). */
  cleared: FleetAlertView[];
  rules: { offlineMinutes: number; queueMinutes: number; clockSeconds: number; stuckMinutes: number; cassettePercent: number };
  timeZone: string;
  /** The server's clock, for "last seen N min ago". */
  now: string;
}

export interface FleetTimelineEntry {
  at: string;
  what: 'event' | 'alert' | 'all-clear' | 'command' | 'result';
  kind: string;
  detail: unknown;
}

export interface FleetTotalsView {
  timeZone: string;
  /** Paid per day per terminal: totals in tiyn as decimal text. */
  rows: { terminalId: string; day: string; count: number; total: string }[];
  agent: { day: string; count: number; total: string }[];
}

export interface PublicPaymentView {
  agentTransactionId: string;
  /** null: nothing reported for it (yet). */
  state: string | null;
  amount: string | null;
  at: string | null;
  reportedAt: string | null;
}

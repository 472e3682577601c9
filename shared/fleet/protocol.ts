/**
 * What a terminal and the fleet server say to each other over HTTP (JSON, a per-terminal bearer token),
 * described once for both sides. The server reads every request through these schemas: a terminal's
 * body is never trusted for who it is (the token says that), nor for its size (bounded here).
 *
 *   POST /api/v1/heartbeat  {health, journal, screen, results}  → {commands, serverTime}
 *   POST /api/v1/events     {events: [{seq, kind, at, body}]}   → {lastSeq}
 *
 * Events are the journal's outbox (main/fleet-link/outbox.ts): numbered 1, 2, 3… per terminal. The
 * server stores each once (terminal, seq) and only in order: a batch that does not start right after
 * the last stored seq is taken from that point, and its answer's lastSeq says where to go on from.
 */
import { z } from 'zod';

export const FLEET_API = '/api/v1';

/** Remote commands an operator can send (delivered with a heartbeat's answer). */
export const COMMAND_KINDS = ['lock', 'unlock', 'drain', 'refresh-catalog', 'logs', 'screenshot'] as const;
export type CommandKind = (typeof COMMAND_KINDS)[number];

export const EVENT_KINDS = ['payment', 'payout', 'encashment', 'z-report', 'device'] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

const zFacts = z.record(z.string().max(64), z.union([z.string().max(2000), z.number(), z.boolean(), z.null()]));

export const zHealthItem = z.object({
  key: z.string().max(32),
  level: z.enum(['ok', 'warn', 'person']),
  detail: z.string().max(2000),
  facts: zFacts,
});

export const zHeartbeat = z.object({
  health: z.object({
    ok: z.boolean(),
    at: z.string().max(40),
    terminalId: z.number(),
    mode: z.enum(['cashier', 'kiosk']),
    version: z.string().max(64),
    items: z.array(zHealthItem).max(40),
  }),
  /** The journal's hash chain: its last row's hash and how many rows it holds (main/store/journal-chain.ts). */
  journal: z.object({ head: z.string().max(128).nullable(), rows: z.number().int().min(0) }),
  /** The screen the terminal shows and since when (epoch ms): a kiosk stuck on one is an alert. */
  screen: z.object({ name: z.string().max(64), since: z.number() }).nullable(),
  /** Locked from the fleet: takes no new money. */
  locked: z.boolean(),
  /** Results of commands carried out since the last answered heartbeat. */
  results: z
    .array(z.object({ id: z.string().max(64), ok: z.boolean(), result: z.unknown() }))
    .max(100),
});
export type Heartbeat = z.infer<typeof zHeartbeat>;

export const zCommand = z.object({ id: z.string().max(64), kind: z.enum(COMMAND_KINDS), args: z.record(z.string(), z.unknown()) });
export type FleetCommand = z.infer<typeof zCommand>;

export const zHeartbeatAnswer = z.object({ commands: z.array(zCommand), serverTime: z.string() });
export type HeartbeatAnswer = z.infer<typeof zHeartbeatAnswer>;

/** Ids of up to 18 digits travel as text; amounts as integer tiyn written in decimal text. */
export const zEvent = z.object({
  seq: z.number().int().min(1),
  kind: z.enum(EVENT_KINDS),
  /** Epoch ms when it happened on the terminal. */
  at: z.number().int(),
  body: z.record(z.string(), z.unknown()),
}).strict();
export type FleetEvent = z.infer<typeof zEvent>;

export const MAX_EVENTS_PER_BATCH = 500;
export const zEventBatch = z.object({ events: z.array(zEvent).min(1).max(MAX_EVENTS_PER_BATCH) }).strict();
export const zEventAnswer = z.object({ lastSeq: z.number().int().min(0) });

/** The largest request body the server reads (a heartbeat with a screenshot's result is the biggest). */
export const MAX_BODY_BYTES = 4 * 1024 * 1024;

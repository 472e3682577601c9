import type { Migration } from './migration.js';

/**
 * The fleet's outbox and its commands. A fact the fleet must hear of (a payment or payout reaching a
 * final state or review, an encashment, a Z report, a device's fault) is queued by a trigger in the very
 * transaction that commits it: no state change can be journaled without its event, and a kill -9
 * between the two cannot happen. Numbered by AUTOINCREMENT (never reused after delivered rows go).
 * A command from the fleet is journaled before it is carried out, and its result before it is reported.
 */
const NOW_MS = "CAST(unixepoch('subsec') * 1000 AS INTEGER)";

export const m010: Migration = {
  version: 10,
  name: 'fleet outbox (events queued by triggers with the facts) and fleet commands',
  up: (db) => {
    db.exec(`
      CREATE TABLE fleet_outbox (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        kind TEXT NOT NULL CHECK (kind IN ('payment', 'payout', 'encashment', 'z-report', 'device')),
        at INTEGER NOT NULL,
        body TEXT NOT NULL CHECK (json_valid(body))
      ) STRICT;

      CREATE TRIGGER fleet_payment_final AFTER UPDATE OF state ON payments
      WHEN NEW.state IN ('success', 'failed', 'review') AND NEW.state IS NOT OLD.state
      BEGIN
        INSERT INTO fleet_outbox (kind, at, body) VALUES ('payment', ${NOW_MS}, json_object(
          'agentTransactionId', NEW.agent_transaction_id, 'serviceId', NEW.service_id, 'state', NEW.state,
          'amount', CAST(coalesce(NEW.amount_from, NEW.amount_to, 0) AS TEXT), 'amountTo', CAST(NEW.amount_to AS TEXT),
          'result', NEW.result, 'acceptedAt', NEW.accepted_at, 'offline', NEW.offline));
      END;

      CREATE TRIGGER fleet_payout_final AFTER UPDATE OF state ON payouts
      WHEN NEW.state IN ('paid', 'declined', 'expired', 'review') AND NEW.state IS NOT OLD.state
      BEGIN
        INSERT INTO fleet_outbox (kind, at, body) VALUES ('payout', ${NOW_MS}, json_object(
          'orderNumber', NEW.order_number, 'state', NEW.state, 'amount', CAST(NEW.amount AS TEXT),
          'amountFrom', CAST(NEW.amount_from AS TEXT), 'errorCode', NEW.error_code));
      END;

      CREATE TRIGGER fleet_encashment AFTER INSERT ON encashments
      BEGIN
        INSERT INTO fleet_outbox (kind, at, body) VALUES ('encashment', NEW.at, json_object(
          'id', NEW.id, 'startedBy', NEW.started_by, 'report', json(NEW.report)));
      END;

      CREATE TRIGGER fleet_z_report AFTER UPDATE OF closed_at ON shifts
      WHEN OLD.closed_at IS NULL AND NEW.closed_at IS NOT NULL
      BEGIN
        INSERT INTO fleet_outbox (kind, at, body) VALUES ('z-report', NEW.closed_at, json_object(
          'shift', NEW.id, 'cashier', NEW.cashier, 'closedBy', NEW.closed_by, 'counted', CAST(NEW.counted AS TEXT), 'report', json(NEW.z_report)));
      END;

      CREATE TRIGGER fleet_device AFTER INSERT ON device_events
      WHEN NEW.amount IS NULL
      BEGIN
        INSERT INTO fleet_outbox (kind, at, body) VALUES ('device', NEW.at, json_object('device', NEW.device, 'kind', NEW.kind, 'detail', NEW.detail));
      END;

      CREATE TABLE fleet_commands (
        id TEXT PRIMARY KEY CHECK (length(id) <= 64),
        kind TEXT NOT NULL,
        args TEXT NOT NULL CHECK (json_valid(args)),
        received_at INTEGER NOT NULL,
        done_at INTEGER,
        ok INTEGER CHECK (ok IN (0, 1)),
        result TEXT CHECK (result IS NULL OR json_valid(result)),
        reported_at INTEGER
      ) STRICT;
      CREATE INDEX fleet_commands_unreported ON fleet_commands (received_at) WHERE reported_at IS NULL;
    `);
  },
};

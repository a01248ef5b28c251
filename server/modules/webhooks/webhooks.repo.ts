// Every statement of the webhooks module: the outbox INSERT the money transactions run, the
// endpoints (Prisma's model API), the deliveries page, and the delivery job's claim and results.
import { Prisma } from "@/prisma/generated/client";
import type { WebhookDeliveryStatus } from "@/prisma/generated/enums";
import type { DbTx } from "@/server/db/client";
import { columnList } from "@/server/lib/sql-columns";
import { uuid7 } from "@/server/lib/uuid7";
import { webhookDataJson, type WebhookData, type WebhookEventDraft } from "./webhook-events";
import type { WebhookEventType } from "./webhooks.schema";

/**
 * The outbox INSERT, to run inside the money transaction it describes (one statement, so it also
 * fits executeTogether and a pgTransaction's `query`): the event is written only when an enabled
 * endpoint subscribes to its type, and the trigger webhook_event_fan_out writes one PENDING
 * delivery per such endpoint. A rolled-back change leaves no event; deliveries go out after commit.
 */
export function webhookEventInsertSql(type: WebhookEventType, data: WebhookData, id: string = uuid7()): Prisma.Sql {
  return Prisma.sql`INSERT INTO webhook_event (id, type, data)
    SELECT ${id}::uuid, ${type}, ${webhookDataJson(data)}::jsonb
    WHERE EXISTS (SELECT 1 FROM webhook_endpoint e WHERE e.is_enabled AND ${type} = ANY (e.events))`;
}

/** webhookEventInsertSql for a built event (webhook-events.ts). */
export const webhookEventSql = (event: WebhookEventDraft, id?: string) => webhookEventInsertSql(event.type, event.data, id);

export type WebhookEndpointRecord = {
  id: string;
  url: string;
  description: string | null;
  events: string[];
  secret: string;
  isEnabled: boolean;
  createdAt: Date;
  updatedAt: Date;
  createdByName: string;
};

const ENDPOINT_SELECT = {
  id: true,
  url: true,
  description: true,
  events: true,
  secret: true,
  isEnabled: true,
  createdAt: true,
  updatedAt: true,
  createdBy: { select: { name: true } },
} as const;

type EndpointRow = Omit<WebhookEndpointRecord, "createdByName"> & { createdBy: { name: string } };
const endpointRecord = ({ createdBy, ...row }: EndpointRow): WebhookEndpointRecord => ({ ...row, createdByName: createdBy.name });

export const listEndpointRecords = async (db: DbTx) =>
  (await db.webhookEndpoint.findMany({ select: ENDPOINT_SELECT, orderBy: [{ createdAt: "asc" }, { id: "asc" }] })).map(endpointRecord);

export const findEndpointRecord = async (db: DbTx, id: string, opts: { forUpdate?: boolean } = {}) => {
  if (opts.forUpdate) await db.$queryRaw`SELECT 1 FROM webhook_endpoint WHERE id = ${id}::uuid FOR UPDATE`;
  const row = await db.webhookEndpoint.findUnique({ where: { id }, select: ENDPOINT_SELECT });
  return row ? endpointRecord(row) : null;
};

export const insertEndpoint = (db: DbTx, row: { id: string; url: string; description: string | null; events: string[]; secret: string; createdById: string }) =>
  db.webhookEndpoint.create({ data: row, select: { id: true } });

export const updateEndpoint = (db: DbTx, id: string, change: { url: string; description: string | null; events: string[]; isEnabled: boolean }) =>
  db.webhookEndpoint.update({ where: { id }, data: { ...change, updatedAt: new Date() }, select: { id: true } });

/** Its deliveries go with it (ON DELETE CASCADE); the events stay for the other endpoints. */
export const deleteEndpoint = (db: DbTx, id: string) => db.webhookEndpoint.delete({ where: { id }, select: { id: true } });

export type WebhookDeliveryRecord = {
  id: string;
  eventId: string;
  eventType: string;
  status: WebhookDeliveryStatus;
  attempts: number;
  nextAttemptAt: Date;
  lastAttemptAt: Date | null;
  lastResponseCode: number | null;
  lastResponseMs: number | null;
  lastError: string | null;
  deliveredAt: Date | null;
  createdAt: Date;
};

const DELIVERY_SELECT = columnList<WebhookDeliveryRecord>({ d: "webhook_delivery", ev: "webhook_event" }, {
  id: "d.id",
  eventId: "d.event_id",
  eventType: "ev.type",
  status: "d.status",
  attempts: "d.attempts",
  nextAttemptAt: "d.next_attempt_at",
  lastAttemptAt: "d.last_attempt_at",
  lastResponseCode: "d.last_response_code",
  lastResponseMs: "d.last_response_ms",
  lastError: "d.last_error",
  deliveredAt: "d.delivered_at",
  createdAt: "d.created_at",
});

/** An endpoint's deliveries, newest first, keyset on (created_at, id). */
export const listDeliveryRecords = (db: DbTx, opts: { endpointId: string; before: { at: Date; id: string } | null; limit: number }) =>
  db.$queryRaw<WebhookDeliveryRecord[]>`
    SELECT ${DELIVERY_SELECT}
    FROM webhook_delivery d JOIN webhook_event ev ON ev.id = d.event_id
    WHERE d.endpoint_id = ${opts.endpointId}::uuid
      ${opts.before ? Prisma.sql`AND (d.created_at, d.id) < (${opts.before.at}::timestamptz, ${opts.before.id}::uuid)` : Prisma.empty}
    ORDER BY d.created_at DESC, d.id DESC
    LIMIT ${opts.limit}`;

export const findDeliveryRecord = async (db: DbTx, id: string): Promise<(WebhookDeliveryRecord & { endpointId: string }) | null> => {
  const [row] = await db.$queryRaw<(WebhookDeliveryRecord & { endpointId: string })[]>`
    SELECT ${DELIVERY_SELECT}, d.endpoint_id AS "endpointId"
    FROM webhook_delivery d JOIN webhook_event ev ON ev.id = d.event_id
    WHERE d.id = ${id}::uuid
    FOR UPDATE OF d`;
  return row ?? null;
};

/** Resend: due now, with a fresh 3-day window; the event (and so webhook-id and body) stays the same. */
export const resendDelivery = (db: DbTx, id: string, opts: { now: Date; retryUntil: Date }) =>
  db.$executeRaw`UPDATE webhook_delivery
    SET status = 'PENDING', next_attempt_at = ${opts.now}, retry_until = ${opts.retryUntil}, delivered_at = NULL
    WHERE id = ${id}::uuid`;

export type ClaimedDelivery = {
  id: string;
  eventId: string;
  /** The body, the same bytes on every try: {"type","timestamp","data"}. */
  payload: string;
  url: string;
  secret: string;
  /** Counting the try just claimed; the fencing token for recording its result. */
  attempts: number;
  retryUntil: Date;
};

/** Deliveries past their window that are due again (a last try whose worker died, say): FAILED. */
export const failExpiredDeliveriesSql = (now: Date) =>
  Prisma.sql`UPDATE webhook_delivery
    SET status = 'FAILED', last_error = coalesce(last_error, 'Retries stopped after 3 days')
    WHERE status = 'PENDING' AND next_attempt_at <= ${now} AND retry_until < ${now}`;

/**
 * Claims up to `limit` due deliveries for one worker: counts the try and moves next_attempt_at to
 * `leaseUntil` in one statement. SKIP LOCKED lets workers take disjoint rows; the lease keeps a
 * claimed row from being due again while its request is in flight.
 */
export const claimDueDeliveries = (db: DbTx, opts: { now: Date; leaseUntil: Date; limit: number }) =>
  db.$queryRaw<ClaimedDelivery[]>`
    WITH due AS (
      SELECT id FROM webhook_delivery
      WHERE status = 'PENDING' AND next_attempt_at <= ${opts.now} AND retry_until >= ${opts.now}
      ORDER BY next_attempt_at, id
      LIMIT ${opts.limit}
      FOR UPDATE SKIP LOCKED
    ), claimed AS (
      UPDATE webhook_delivery d
      SET attempts = d.attempts + 1, next_attempt_at = ${opts.leaseUntil}, last_attempt_at = ${opts.now}
      FROM due WHERE d.id = due.id
      RETURNING d.id, d.event_id, d.endpoint_id, d.attempts, d.retry_until
    )
    SELECT c.id, c.event_id AS "eventId", c.attempts, c.retry_until AS "retryUntil", e.url, e.secret,
           '{"type":' || to_json(ev.type)::text
             || ',"timestamp":' || to_json(to_char(ev.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))::text
             || ',"data":' || ev.data::text || '}' AS payload
    FROM claimed c JOIN webhook_endpoint e ON e.id = c.endpoint_id JOIN webhook_event ev ON ev.id = c.event_id`;

type Claim = { id: string; attempts: number };
export type AttemptOutcome = { responseCode: number | null; responseMs: number; error: string | null };

/** A 2xx answer. Applies only while the claim is the latest one (see claimDueDeliveries). */
export const recordDeliverySuccess = (db: DbTx, claim: Claim, outcome: AttemptOutcome, at: Date) =>
  db.$executeRaw`UPDATE webhook_delivery
    SET status = 'DELIVERED', delivered_at = ${at}, last_response_code = ${outcome.responseCode},
        last_response_ms = ${outcome.responseMs}, last_error = NULL
    WHERE id = ${claim.id}::uuid AND status = 'PENDING' AND attempts = ${claim.attempts}`;

/** Another answer, a timeout or a refused address: retried at `retryAt`, or FAILED past the window. */
export const recordDeliveryFailure = (db: DbTx, claim: Claim, outcome: AttemptOutcome, retryAt: Date) =>
  db.$executeRaw`UPDATE webhook_delivery
    SET status = (CASE WHEN ${retryAt}::timestamptz > retry_until THEN 'FAILED' ELSE 'PENDING' END)::"WebhookDeliveryStatus",
        next_attempt_at = ${retryAt}, last_response_code = ${outcome.responseCode},
        last_response_ms = ${outcome.responseMs}, last_error = ${outcome.error}
    WHERE id = ${claim.id}::uuid AND status = 'PENDING' AND attempts = ${claim.attempts}`;

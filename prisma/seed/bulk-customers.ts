// The large-seed path (`npm run db:seed -- --customers 1000000`, PostgreSQL only): demo customers
// past the demo range, with the same credit story generator as the demo range (about 30% of them:
// credits, the ledger's grants, spends, expiries and voids, "Send credits" payments, audit rows
// and balances). Written through COPY, one transaction per round of customers (a customer and
// their whole history land together): the tables' secondary indexes and foreign keys are dropped
// first, then the indexes rebuilt and the foreign keys restored NOT VALID and validated in one
// pass each at the end (far cheaper than maintaining three trigram indexes and checking each
// reference row by row); audit rows come with their area, so the trigger deriving it is off for
// their COPY only. The books are checked with the service's own ledger check at the end.
// Interrupted (a server restart), a rerun goes on where it stopped and still restores both.
// With an events target (`--events 5000000`) the bulk range gets the long story instead
// (demo-credits.ts LONG_STORY: 2+ years, adjustments, refunds to credit), scaled so the whole
// ledger reaches the target (storyForEvents measures the generator on a sample first).
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { Prisma } from "@/prisma/generated/client";
import type { DbTx } from "@/server/db/client";
import { uuid7 } from "@/server/lib/uuid7";
import { findCreditMismatches, findLedgerMismatches } from "@/server/modules/credits/ledger-check";
import { customerSearchColumns, normaliseEmail } from "@/server/modules/customers/customer-text";
import { AUDIT_ACTIONS, DEMO_STORY, LONG_STORY, hasCreditStory, simulateCustomer, type CreditStoryRows, type StoryShape } from "./demo-credits";
import { DEMO_SEED_DATE, demoCustomer } from "./demo-customers";

/** Customers generated and written per round; the next round is generated while this one is written. */
const CHUNK = 20_000;
/** Below this many new customers the indexes stay in place (rebuilding them would cost more). */
const REBUILD_INDEXES_FROM = 50_000;
const TABLES = ["customer", "payment", "store_credit", "refund", "credit_event", "audit_log", "credit_balance"] as const;

type Value = string | number | bigint | boolean | Date | null;

/** One COPY text-format line: tab separated, `\N` for NULL, backslash escapes. */
function line(values: Value[]): string {
  return (
    values
      .map((v) => {
        if (v === null) return "\\N";
        if (v instanceof Date) return v.toISOString();
        const text = String(v);
        return /[\\\t\n\r]/.test(text) ? text.replace(/[\\\t\n\r]/g, (ch) => ({ "\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r" })[ch]!) : text;
      })
      .join("\t") + "\n"
  );
}

type Chunk = { lines: Record<(typeof TABLES)[number], string[]>; customers: number; withHistory: number; credits: number; events: number; payments: number; refunds: number };

const COLUMNS: Record<(typeof TABLES)[number], string> = {
  customer: "id, first_name, last_name, email, phone, search_name, sort_name, phone_digits, created_at, last_activity_at",
  payment:
    "id, reference, customer_id, amount_minor, refunded_minor, currency, method_kind, card_brand, card_last4, gateway_name, infrastructure_id, method_id, is_revenue, description, captured_at, created_by_id, created_at",
  store_credit:
    "id, customer_id, currency, amount_minor, used_minor, removed_minor, category_id, memo, expires_at, expiry_processed_at, payment_id, created_by_id, created_at, updated_at, voided_at, voided_by_id, void_reason",
  // Refunds to store credit as createRefund leaves them: SUCCEEDED at once, no gateway.
  refund: "id, reference, payment_id, customer_id, amount_minor, currency, type, status, reason, notify_customer, gateway_key, attempts, credit_id, created_by_id, created_at, settled_at",
  credit_event: "id, customer_id, currency, credit_id, type, amount_minor, balance_after_minor, actor_id, reason_id, reason, memo, operation_id, created_at",
  // area is what the audit_log_derive_area trigger would set; the trigger is off for this COPY only.
  audit_log: "id, actor_id, action, area, entity_type, entity_id, details, created_at",
  credit_balance: "customer_id, currency, balance_minor",
};

/** What the audit_log_derive_area trigger sets: the action's first dotted part. */
export const auditArea = (action: string) => action.split(".")[0]!;

type Seeded = { index: number; customer: ReturnType<typeof demoCustomer> };

/** Turns customers and their stories into COPY lines, yielding now and then so writing overlaps. */
async function generate(customers: Seeded[], now: Date, staffIds: string[], shape: StoryShape): Promise<Chunk> {
  const chunk: Chunk = {
    lines: { customer: [], payment: [], store_credit: [], refund: [], credit_event: [], audit_log: [], credit_balance: [] },
    customers: 0,
    withHistory: 0,
    credits: 0,
    events: 0,
    payments: 0,
    refunds: 0,
  };
  const story: CreditStoryRows = { credits: [], events: [], payments: [], balances: new Map(), creditRefunds: [] };
  for (let n = 0; n < customers.length; n++) {
    if (n % 1_000 === 999) await new Promise((resolve) => setImmediate(resolve));
    const { index, customer } = customers[n]!;
    const eventsBefore = story.events.length;
    if (hasCreditStory(index)) simulateCustomer(index, customer, now, staffIds, story, shape);
    // Last activity as lastActivityFromHistory would set it: the newest credit event (a "Send
    // credits" payment is captured with its credit's issue), else the sign-up.
    let lastActivityAt = customer.createdAt;
    for (let e = eventsBefore; e < story.events.length; e++) {
      if (story.events[e]!.createdAt > lastActivityAt) lastActivityAt = story.events[e]!.createdAt;
    }
    if (story.events.length > eventsBefore) chunk.withHistory++;
    const derived = customerSearchColumns(customer);
    chunk.lines.customer.push(
      line([customer.id, customer.firstName, customer.lastName, normaliseEmail(customer.email), customer.phone, derived.searchName, derived.sortName, derived.phoneDigits, customer.createdAt, lastActivityAt]),
    );
    chunk.customers++;
  }
  for (const p of story.payments) {
    chunk.lines.payment.push(
      line([p.id, p.reference, p.customerId, p.amountMinor, p.refundedMinor, p.currency, p.methodKind, p.cardBrand, p.cardLast4, p.gatewayName, p.infrastructureId, p.methodId, p.isRevenue, p.description, p.capturedAt, p.createdById, p.capturedAt]),
    );
  }
  for (const c of story.credits) {
    chunk.lines.store_credit.push(
      line([c.id, c.customerId, c.currency, c.amountMinor, c.usedMinor, c.removedMinor, c.categoryId, c.memo, c.expiresAt, c.expiryProcessedAt, c.paymentId, c.createdById, c.createdAt, c.createdAt, c.voidedAt, c.voidedById, c.voidReason]),
    );
  }
  for (const r of story.creditRefunds!) {
    chunk.lines.refund.push(
      line([r.id, r.reference, r.paymentId, r.customerId, r.amountMinor, r.currency, "STORE_CREDIT", "SUCCEEDED", r.reason, false, r.id, 0, r.creditId, r.createdById, r.createdAt, r.createdAt]),
    );
    const action = "refund.create";
    chunk.lines.audit_log.push(
      line([uuid7(r.createdAt.getTime()), r.createdById, action, auditArea(action), "refund", r.id, JSON.stringify({ seeded: true, type: "STORE_CREDIT", amountMinor: r.amountMinor.toString(), currency: r.currency }), r.createdAt]),
    );
  }
  // Time order within the round, so the ledger's seq follows time across customers too.
  const events = story.events.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
  for (const e of events) {
    chunk.lines.credit_event.push(
      line([e.id, e.customerId, e.currency, e.creditId, e.type, e.amountMinor, e.balanceAfterMinor, e.actorId, e.reasonId, e.reason, e.memo, e.operationId, e.createdAt]),
    );
    const action = AUDIT_ACTIONS[e.type];
    chunk.lines.audit_log.push(
      line([uuid7(), e.actorId, action, auditArea(action), "store_credit", e.creditId, JSON.stringify({ seeded: true, amountMinor: e.amountMinor.toString() }), e.createdAt]),
    );
  }
  for (const [key, balance] of story.balances) {
    const [customerId, currency] = key.split("|") as [string, string];
    chunk.lines.credit_balance.push(line([customerId, currency, balance]));
  }
  chunk.credits = story.credits.length;
  chunk.events = events.length;
  chunk.payments = story.payments.length;
  chunk.refunds = story.creditRefunds!.length;
  return chunk;
}

/**
 * The long story's scale that makes customers from..to-1 add about `events` ledger events: the
 * generator is run (in memory, nothing written) on a sample of those customers, and the scale
 * found by secant steps on events per customer (close to linear in the scale, not quite). Never
 * below scale 1; aims a little over, since the sample's rate is an estimate and the target a floor.
 */
export function storyForEvents(opts: { from: number; to: number; events: number; now: Date; staffIds: string[] }): StoryShape {
  const customers = opts.to - opts.from;
  if (customers <= 0 || opts.events <= 0) return LONG_STORY;
  // A prime stride around the range, not an even step: who has a story (and their locale) goes by
  // index % 10, which an even step would sample from half the residues only.
  const size = Math.min(customers, 8_000);
  const sample: Seeded[] = [];
  for (let k = 0; k < size; k++) {
    const index = opts.from + (size === customers ? k : (k * 104_729) % customers);
    sample.push({ index, customer: demoCustomer(index, DEMO_SEED_DATE) });
  }
  const perCustomer = (scale: number) => {
    const rows: CreditStoryRows = { credits: [], events: [], payments: [], balances: new Map(), creditRefunds: [] };
    for (const { index, customer } of sample) if (hasCreditStory(index)) simulateCustomer(index, customer, opts.now, opts.staffIds, rows, { ...LONG_STORY, scale });
    return rows.events.length / sample.length;
  };
  const wanted = (opts.events / customers) * 1.04;
  let [a, fa] = [1, perCustomer(1)];
  if (fa >= wanted) return LONG_STORY;
  let [b, fb] = [4, perCustomer(4)];
  for (let i = 0; i < 6 && Math.abs(fb - wanted) > wanted * 0.005 && fb !== fa; i++) {
    const next = Math.max(1, Math.round((b + ((wanted - fb) * (b - a)) / (fb - fa)) * 100) / 100);
    [a, fa] = [b, fb];
    [b, fb] = [next, perCustomer(next)];
  }
  // Rounding a scale to a whole number of draws can land just under: step up until it is over.
  while (fb < wanted) {
    b = Math.round((b + 0.05) * 100) / 100;
    fb = perCustomer(b);
  }
  return { ...LONG_STORY, scale: b };
}

async function copyLines(client: pg.PoolClient | pg.Client, table: string, columns: string, lines: string[]) {
  if (lines.length === 0) return;
  // The area comes with the rows (auditArea), so the per-row plpgsql trigger that derives it is
  // off for this COPY only, inside the round's transaction (a failed round rolls it back on too).
  // The append-only triggers (UPDATE, DELETE, TRUNCATE) are never touched.
  const derivesArea = table === "audit_log";
  if (derivesArea) await client.query("ALTER TABLE audit_log DISABLE TRIGGER audit_log_derive_area");
  const stream = client.query(copyFrom(`COPY ${table} (${columns}) FROM STDIN`));
  const done = new Promise<void>((resolve, reject) => {
    stream.on("finish", resolve);
    stream.on("error", reject);
  });
  // A few large writes rather than one per row.
  for (let i = 0; i < lines.length; i += 2_000) stream.write(lines.slice(i, i + 2_000).join(""));
  stream.end();
  await done;
  if (derivesArea) await client.query("ALTER TABLE audit_log ENABLE TRIGGER audit_log_derive_area");
}

const pendingLoad = async (client: pg.Client) =>
  (await client.query<{ t: string | null }>("SELECT coalesce(to_regclass('seed_deferred_index'), to_regclass('seed_deferred_constraint'))::text AS t")).rows[0]!.t !== null;

/** The ledger check's queries run on this raw client, so the load is checked before it commits. */
const asDbTx = (client: pg.Client) =>
  ({
    $queryRaw: async (strings: TemplateStringsArray, ...values: unknown[]) => {
      const sql = Prisma.sql(strings, ...values);
      return (await client.query(sql.text, sql.values)).rows;
    },
  }) as unknown as DbTx;

export type BulkSeedResult = { customers: number; withHistory: number; credits: number; events: number; payments: number; refunds: number };

/** Seeds demo customers from..to-1 (those missing) and their credit stories; see the file comment. */
export async function seedBulkCustomers(
  url: string,
  opts: { from: number; to: number; staffIds: string[]; now?: Date; story?: StoryShape; log?: (line: string) => void },
): Promise<BulkSeedResult> {
  const now = opts.now ?? new Date();
  const log = opts.log ?? (() => {});
  const shape = opts.story ?? DEMO_STORY;
  const totals: BulkSeedResult = { customers: 0, withHistory: 0, credits: 0, events: 0, payments: 0, refunds: 0 };
  if (opts.to <= opts.from) return totals;
  const client = new pg.Client({ connectionString: url });
  // A dropped connection (the server restarting) fails the awaited query; the seed retries.
  client.on("error", () => {});
  await client.connect();
  try {
    // Each round commits on its own, so a restart of the server mid-load costs one round, and a
    // rerun goes on where it stopped. Secondary indexes are dropped for the load and rebuilt at
    // the end; their definitions wait in seed_deferred_index meanwhile, so an interrupted load
    // still gets them back (the next `npm run db:seed` rebuilds them).
    await client.query("SET synchronous_commit = off");
    await client.query("SET maintenance_work_mem = '256MB'");
    const pending = await pendingLoad(client);
    if (pending || opts.to - opts.from >= REBUILD_INDEXES_FROM) {
      await client.query("BEGIN");
      await client.query("CREATE TABLE IF NOT EXISTS seed_deferred_index (name text PRIMARY KEY, definition text NOT NULL)");
      await client.query("CREATE TABLE IF NOT EXISTS seed_deferred_constraint (table_name text, name text, definition text NOT NULL, PRIMARY KEY (table_name, name))");
      // Secondary indexes only: primary keys and unique constraints stay (references and skips need them).
      const indexes = (
        await client.query<{ indexname: string; indexdef: string }>(
          `SELECT i.indexname, i.indexdef FROM pg_indexes i
           JOIN pg_class ic ON ic.relname = i.indexname AND ic.relnamespace = to_regnamespace(i.schemaname)
           WHERE i.schemaname = current_schema() AND i.tablename = ANY($1)
             AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = ic.oid)`,
          [[...TABLES]],
        )
      ).rows;
      for (const index of indexes) {
        await client.query("INSERT INTO seed_deferred_index (name, definition) VALUES ($1, $2) ON CONFLICT DO NOTHING", [index.indexname, index.indexdef]);
        await client.query(`DROP INDEX ${pg.escapeIdentifier(index.indexname)}`);
      }
      // Foreign keys of the tables it fills too: checked row by row they cost more than the rows
      // themselves; they come back NOT VALID and are then validated in one pass each.
      const foreignKeys = (
        await client.query<{ name: string; table_name: string; definition: string }>(
          `SELECT c.conname AS name, r.relname AS table_name, pg_get_constraintdef(c.oid) AS definition
           FROM pg_constraint c JOIN pg_class r ON r.oid = c.conrelid
           WHERE c.contype = 'f' AND r.relnamespace = to_regnamespace(current_schema()) AND r.relname = ANY($1)`,
          [[...TABLES]],
        )
      ).rows;
      for (const fk of foreignKeys) {
        await client.query("INSERT INTO seed_deferred_constraint (name, table_name, definition) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING", [fk.name, fk.table_name, fk.definition]);
        await client.query(`ALTER TABLE ${pg.escapeIdentifier(fk.table_name)} DROP CONSTRAINT ${pg.escapeIdentifier(fk.name)}`);
      }
      await client.query("COMMIT");
    }

    const startedAt = Date.now();
    const rounds: number[][] = [];
    for (let start = opts.from; start < opts.to; start += CHUNK) {
      rounds.push(Array.from({ length: Math.min(CHUNK, opts.to - start) }, (_, i) => start + i));
    }
    // Customers already there (an earlier seed) are left alone, history and all.
    const missing = async (round: number[]): Promise<Seeded[]> => {
      // In index order (one round at a time): Japanese customers' emails draw from the
      // generator's running state. Yielding now and then lets the current round's COPY go on
      // meanwhile (20,000 customers are seconds of generator work).
      const customers: Seeded[] = [];
      for (const index of round) {
        if (customers.length % 1_000 === 999) await new Promise((resolve) => setImmediate(resolve));
        customers.push({ index, customer: demoCustomer(index, DEMO_SEED_DATE) });
      }
      const ids = customers.map((c) => c.customer.id);
      const existing = new Set((await client.query<{ id: string }>("SELECT id FROM customer WHERE id = ANY($1::uuid[])", [ids])).rows.map((r) => r.id));
      return existing.size === 0 ? customers : customers.filter((c) => !existing.has(c.customer.id));
    };
    const prepare = (round: number[] | undefined) => {
      if (!round) return null;
      const promise = missing(round).then((customers) => generate(customers, now, opts.staffIds, shape));
      promise.catch(() => {}); // awaited below; this only keeps an early failure from going unhandled
      return promise;
    };
    // Where the load's time goes: waiting for generated rounds, and each table's COPY.
    const spent: Record<string, number> = { generate: 0 };
    const timed = async <T>(phase: string, work: () => Promise<T>) => {
      const at = performance.now();
      try {
        return await work();
      } finally {
        spent[phase] = (spent[phase] ?? 0) + performance.now() - at;
      }
    };
    let next = prepare(rounds[0]);
    for (let r = 0; r < rounds.length && next; r++) {
      const chunk = await timed("generate", () => next!);
      // Generate the next round while this one is written.
      next = prepare(rounds[r + 1]);
      await timed("begin", () => client.query("BEGIN"));
      for (const table of TABLES) await timed(table, () => copyLines(client, table, COLUMNS[table], chunk.lines[table]));
      await timed("commit", () => client.query("COMMIT"));
      totals.customers += chunk.customers;
      totals.withHistory += chunk.withHistory;
      totals.credits += chunk.credits;
      totals.events += chunk.events;
      totals.payments += chunk.payments;
      totals.refunds += chunk.refunds;
      const done = rounds[r]!.at(-1)! + 1;
      if ((done - opts.from) % 100_000 < CHUNK || done === opts.to) {
        log(`  ${done.toLocaleString("en")} customers (${((Date.now() - startedAt) / 1000).toFixed(0)} s)…`);
      }
    }

    if (rounds.length) {
      const phases = Object.entries(spent).map(([phase, ms]) => `${phase} ${(ms / 1000).toFixed(0)} s`);
      log(`  loaded in ${((Date.now() - startedAt) / 1000).toFixed(0)} s: ${phases.join(", ")}`);
    }

    if ((await client.query<{ t: string | null }>("SELECT to_regclass('seed_deferred_index')::text AS t")).rows[0]!.t !== null) {
      const rebuiltAt = Date.now();
      const deferred = (await client.query<{ name: string; definition: string }>("SELECT name, definition FROM seed_deferred_index ORDER BY name")).rows;
      for (const index of deferred) {
        await client.query("BEGIN");
        const exists = (await client.query<{ t: string | null }>("SELECT to_regclass($1)::text AS t", [pg.escapeIdentifier(index.name)])).rows[0]!.t;
        if (!exists) await client.query(index.definition);
        await client.query("DELETE FROM seed_deferred_index WHERE name = $1", [index.name]);
        await client.query("COMMIT");
      }
      await client.query("DROP TABLE seed_deferred_index");
      log(`  rebuilt ${deferred.length} indexes in ${((Date.now() - rebuiltAt) / 1000).toFixed(0)} s`);
    }
    if ((await client.query<{ t: string | null }>("SELECT to_regclass('seed_deferred_constraint')::text AS t")).rows[0]!.t !== null) {
      const validatedAt = Date.now();
      const deferred = (await client.query<{ name: string; table_name: string; definition: string }>("SELECT name, table_name, definition FROM seed_deferred_constraint ORDER BY table_name, name")).rows;
      for (const fk of deferred) {
        const table = pg.escapeIdentifier(fk.table_name);
        const name = pg.escapeIdentifier(fk.name);
        const state = async () =>
          (await client.query<{ convalidated: boolean }>("SELECT convalidated FROM pg_constraint WHERE conname = $1 AND conrelid = to_regclass($2)", [fk.name, table])).rows[0];
        if (!(await state())) await client.query(`ALTER TABLE ${table} ADD CONSTRAINT ${name} ${fk.definition} NOT VALID`);
        if (!(await state())!.convalidated) await client.query(`ALTER TABLE ${table} VALIDATE CONSTRAINT ${name}`);
        await client.query("DELETE FROM seed_deferred_constraint WHERE table_name = $1 AND name = $2", [fk.table_name, fk.name]);
      }
      await client.query("DROP TABLE seed_deferred_constraint");
      log(`  restored and validated ${deferred.length} foreign keys in ${((Date.now() - validatedAt) / 1000).toFixed(0)} s`);
    }
    // The trigger was off for the bulk COPY: every row's area must be what it would have set.
    const wrongArea = (await client.query<{ n: string }>("SELECT count(*)::text AS n FROM audit_log WHERE area IS DISTINCT FROM split_part(action, '.', 1)")).rows[0]!.n;
    if (wrongArea !== "0") throw new Error(`${wrongArea} audit rows have an area that differs from their action`);
    // The seed keeps the books as the services do: the service's own check over every balance.
    const checkedAt = Date.now();
    const db = asDbTx(client);
    const mismatches = [...(await findLedgerMismatches(db)), ...(await findCreditMismatches(db))];
    if (mismatches.length) throw new Error(`Seeded credits do not add up (${mismatches.length} mismatches), e.g. ${JSON.stringify(mismatches[0])}`);
    // And every payment's refunded total is the sum of its settled refunds (the long story refunds to credit).
    const wrongRefunded = (
      await client.query<{ n: string }>(
        `SELECT count(*)::text AS n FROM payment p
         LEFT JOIN (SELECT payment_id, sum(amount_minor) AS settled FROM refund WHERE status = 'SUCCEEDED' GROUP BY payment_id) r ON r.payment_id = p.id
         WHERE p.refunded_minor <> coalesce(r.settled, 0)`,
      )
    ).rows[0]!.n;
    if (wrongRefunded !== "0") throw new Error(`${wrongRefunded} payments' refunded totals differ from their refunds`);
    log(`  checked every balance against its ledger and every payment against its refunds in ${((Date.now() - checkedAt) / 1000).toFixed(0)} s`);
    return totals;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    await client.end();
  }
}

// The holds' fast paths (place, capture, release on one pg connection) must write exactly the rows
// the general paths write, and hand over (writing nothing) whenever the general path must answer.
// On PGlite there is no pool: the fast paths answer null and only the hand-over cases run.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDb, type TestDb } from "@/tests/helpers/test-db";
import { createCustomer } from "@/tests/factories/customers";
import { backdateExpiry, issueTestCredit, ledgerProblems, serviceContextAs } from "@/tests/factories/credits";
import { backdateHold, heldProblems, storefrontContext } from "@/tests/factories/holds";
import type { ServiceContext } from "@/server/lib/service-context";
import { captureHold, captureHoldFast, captureHoldGeneral, type CaptureResult } from "./capture-hold";
import type { HoldContext, HoldResult } from "./hold-context";
import { ZPlaceHoldInput } from "./holds.schema";
import { placeHold, placeHoldFast, placeHoldGeneral } from "./place-hold";
import { releaseHold, releaseHoldFast, releaseHoldGeneral } from "./release-hold";

let t: TestDb;
let admin: ServiceContext;
let shop: HoldContext;
const apiKeyId = randomUUID();
const isPostgres = () => t.target.kind === "postgres";

beforeAll(async () => {
  t = await openTestDb();
  admin = await serviceContextAs(t.db, "ADMIN");
  shop = storefrontContext(t.db, apiKeyId);
});
afterAll(() => t.close());

/** A customer with credits of US$30 (expiring first) and US$50 (no expiry). */
async function customer() {
  const c = await createCustomer(t.db);
  await issueTestCredit(admin, c.id, { amount: "30.00", expiresAt: new Date(Date.now() + 5 * 86_400_000) });
  await issueTestCredit(admin, c.id, { amount: "50.00" });
  return c;
}

const placeInput = (customerId: string, orderRef: string, amountMinor = 4000n) =>
  ZPlaceHoldInput.parse({ idempotencyKey: randomUUID(), customerId, amountMinor, currency: "USD", orderRef });

const same = (value: unknown, expected: unknown) => (value === expected ? "same" : value);

/** Every row a hold's life wrote for this customer, without the ids and times that differ between two customers. */
async function rowsOf(customerId: string, holdId: string, keys: { operation: string; key: string }[]) {
  const holds = await t.db.creditHold.findMany({ where: { customerId } });
  const balance = await t.db.creditBalance.findUniqueOrThrow({ where: { customerId_currency: { customerId, currency: "USD" } } });
  const credits = await t.db.storeCredit.findMany({ where: { customerId }, orderBy: { createdAt: "asc" } });
  const creditIndex = new Map(credits.map((c, i) => [c.id, i]));
  const events = await t.db.creditEvent.findMany({ where: { customerId, type: { not: "ISSUED" } }, orderBy: { seq: "asc" } });
  const audits = await t.db.auditLog.findMany({ where: { customerId, action: { not: "credit.issue" } }, orderBy: [{ createdAt: "asc" }, { action: "asc" }] });
  const webhooks = await t.db.webhookEvent.findMany({ where: { type: { startsWith: "hold." } } });
  const mine = webhooks.filter((w) => (w.data as { hold_id?: string; id?: string }).hold_id === holdId || (w.data as { id?: string }).id === holdId);
  const spendIds = new Set(events.map((e) => e.operationId));
  const spendHooks = (await t.db.webhookEvent.findMany({ where: { id: { in: [...spendIds] } } })).map((w) => ({ type: w.type, data: scrub(w.data) }));
  const stored = await Promise.all(
    keys.map(async ({ operation, key }) => {
      const row = await t.db.idempotencyKey.findUniqueOrThrow({ where: { actorId_operation_key: { actorId: apiKeyId, operation, key } } });
      return { operation, result: row.result === null ? null : "set", refusal: row.refusal, hash: row.requestHash.length };
    }),
  );
  return {
    holds: holds.map((h) => ({ ...h, id: same(h.id, holdId), customerId: "-", orderRef: "-", spendOperationId: h.spendOperationId ? "set" : null, expiresAt: "-", createdAt: "-", closedAt: h.closedAt ? "set" : null })),
    balance: { ...balance, customerId: "-", updatedAt: "-" },
    credits: credits.map((c) => ({ ...c, id: "-", customerId: "-", createdById: "-", createdAt: "-", updatedAt: "-", expiresAt: c.expiresAt ? "set" : null })),
    events: events.map((e) => ({ ...e, id: "-", seq: "-", customerId: "-", creditId: creditIndex.get(e.creditId), operationId: "-", reason: e.reason ? "order" : null, createdAt: "-" })),
    audits: audits.map((a) => ({ ...a, id: "-", entityId: a.entityId === holdId ? "hold" : a.entityId === customerId ? "customer" : a.entityId, customerId: "-", createdAt: "-", details: scrub(a.details) })),
    webhooks: mine.map((w) => ({ type: w.type, data: scrub(w.data) })).sort((a, b) => a.type.localeCompare(b.type)),
    spendHooks,
    stored,
  };
}

/** A JSON value with ids, order references and times replaced, so two customers' rows compare. */
function scrub(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(scrub);
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scrub(v)]));
  if (typeof value === "string" && (/^[0-9a-f]{8}-[0-9a-f]{4}-/.test(value) || /^ORDER-/.test(value) || /^\d{4}-\d\d-\d\dT/.test(value))) return "-";
  return value;
}

const strip = (r: HoldResult) => ({ ...r, hold: { ...r.hold, id: "-", customerId: "-", orderRef: "-", expiresAt: "-", createdAt: "-", closedAt: r.hold.closedAt && "set", spendOperationId: r.hold.spendOperationId && "set" } });
const stripCapture = (r: CaptureResult) => ({
  ...strip(r),
  spend: { ...r.spend, operationId: "-", customerId: "-", allocations: r.spend.allocations.map((a) => a.amountMinor) },
});

describe("the holds' fast paths", () => {
  it("place and capture write exactly the rows the general paths write", async ({ skip }) => {
    if (!isPostgres()) skip();
    const [a, b] = [await customer(), await customer()];
    const [placeA, placeB] = [placeInput(a.id, "ORDER-a"), placeInput(b.id, "ORDER-b")];
    const fastHold = await placeHoldFast(shop, placeA);
    expect(fastHold).not.toBeNull();
    const generalHold = await placeHoldGeneral(shop, placeB);
    expect(strip(fastHold!)).toEqual(strip(generalHold));

    const [capA, capB] = [
      { idempotencyKey: randomUUID(), holdId: fastHold!.hold.id, amountMinor: 3500n },
      { idempotencyKey: randomUUID(), holdId: generalHold.hold.id, amountMinor: 3500n },
    ];
    const fastCapture = await captureHoldFast(shop, capA);
    expect(fastCapture).not.toBeNull();
    const generalCapture = await captureHoldGeneral(shop, capB);
    expect(stripCapture(fastCapture!)).toEqual(stripCapture(generalCapture));
    // Earliest-expiring credit first: US$30 of it, then US$5 of the one without expiry.
    expect(fastCapture!.spend.allocations.map((x) => x.amountMinor)).toEqual([3000n, 500n]);
    expect(fastCapture!.balanceMinor).toBe(4500n);

    const keysOf = (p: { idempotencyKey: string }, c: { idempotencyKey: string }) => [
      { operation: "hold.place", key: p.idempotencyKey },
      { operation: "hold.capture", key: c.idempotencyKey },
    ];
    const fastRows = await rowsOf(a.id, fastHold!.hold.id, keysOf(placeA, capA));
    expect(fastRows).toEqual(await rowsOf(b.id, generalHold.hold.id, keysOf(placeB, capB)));
    expect(fastRows.holds[0]).toMatchObject({ status: "CAPTURED", apiKeyId, capturedMinor: 3500n });
    expect(fastRows.balance).toMatchObject({ balanceMinor: 4500n, heldMinor: 0n });

    // The keys' stored answers are what replays get.
    expect(await placeHold(shop, placeA)).toEqual(fastHold);
    expect(await captureHold(shop, capA)).toEqual(fastCapture);
    expect(await ledgerProblems(t.db, [a.id, b.id])).toEqual({ balances: [], credits: [] });
    expect(await heldProblems(t.db, [a.id, b.id])).toEqual([]);
  });

  it("release writes exactly the rows the general path writes", async ({ skip }) => {
    if (!isPostgres()) skip();
    const [a, b] = [await customer(), await customer()];
    const [placeA, placeB] = [placeInput(a.id, "ORDER-a"), placeInput(b.id, "ORDER-b")];
    const holdA = (await placeHoldFast(shop, placeA))!;
    const holdB = (await placeHoldFast(shop, placeB))!;
    const [relA, relB] = [
      { idempotencyKey: randomUUID(), holdId: holdA.hold.id },
      { idempotencyKey: randomUUID(), holdId: holdB.hold.id },
    ];
    const fast = await releaseHoldFast(shop, relA);
    expect(fast).not.toBeNull();
    const general = await releaseHoldGeneral(shop, relB);
    expect(strip(fast!)).toEqual(strip(general));
    const keysOf = (p: { idempotencyKey: string }, r: { idempotencyKey: string }) => [
      { operation: "hold.place", key: p.idempotencyKey },
      { operation: "hold.release", key: r.idempotencyKey },
    ];
    const fastRows = await rowsOf(a.id, holdA.hold.id, keysOf(placeA, relA));
    expect(fastRows).toEqual(await rowsOf(b.id, holdB.hold.id, keysOf(placeB, relB)));
    expect(fastRows.balance).toMatchObject({ balanceMinor: 8000n, heldMinor: 0n });
    expect(await releaseHold(shop, relA)).toEqual(fast);
    expect(await heldProblems(t.db, [a.id, b.id])).toEqual([]);
  });

  it("hands over, writing nothing, when the general path must answer", async () => {
    const c = await customer();
    const before = async () => ({
      holds: await t.db.creditHold.count({ where: { customerId: c.id } }),
      events: await t.db.creditEvent.count({ where: { customerId: c.id } }),
      audits: await t.db.auditLog.count({ where: { customerId: c.id } }),
    });
    const placed = await placeHold(shop, placeInput(c.id, "ORDER-c", 1000n));
    const counts = await before();
    // A used key, a shortfall (spendable 70.00 now), an unknown hold, an amount above the hold.
    const used = placeInput(c.id, "ORDER-c2", 1000n);
    await placeHold(shop, used);
    const afterUsed = await before();
    expect(await placeHoldFast(shop, used)).toBeNull();
    expect(await placeHoldFast(shop, placeInput(c.id, "ORDER-c3", 7000n))).toBeNull();
    expect(await captureHoldFast(shop, { idempotencyKey: randomUUID(), holdId: randomUUID() })).toBeNull();
    expect(await captureHoldFast(shop, { idempotencyKey: randomUUID(), holdId: placed.hold.id, amountMinor: 1001n })).toBeNull();
    // A hold past its expiry is the expiry job's; a credit due for expiry is the general path's to close.
    const due = await placeHold(shop, placeInput(c.id, "ORDER-c4", 500n));
    await backdateHold(t.db, due.hold.id);
    expect(await captureHoldFast(shop, { idempotencyKey: randomUUID(), holdId: due.hold.id })).toBeNull();
    expect(await releaseHoldFast(shop, { idempotencyKey: randomUUID(), holdId: due.hold.id })).toBeNull();
    const credit = await t.db.storeCredit.findFirstOrThrow({ where: { customerId: c.id, expiresAt: { not: null } } });
    await backdateExpiry(t.db, credit.id);
    expect(await placeHoldFast(shop, placeInput(c.id, "ORDER-c5", 100n))).toBeNull();
    expect(await captureHoldFast(shop, { idempotencyKey: randomUUID(), holdId: placed.hold.id })).toBeNull();

    expect(await before()).toEqual({ ...afterUsed, holds: afterUsed.holds + 1, audits: afterUsed.audits + 1 });
    expect(counts.holds).toBe(1);
    // Every refused key was given back: the general path claims it and stores its answer.
    const [left] = await t.db.$queryRaw<{ n: bigint }[]>`
      SELECT count(*) AS n FROM idempotency_key WHERE actor_id = ${apiKeyId}::uuid AND result IS NULL AND refusal IS NULL`;
    expect(left!.n).toBe(0n);
    expect(await heldProblems(t.db, [c.id])).toEqual([]);
  });
});

// `npm run fuzz`: throws malformed inputs at EVERY tRPC mutation over real HTTP, against the
// production server on a throw-away PostgreSQL database, and prints the answers by status, every
// 5xx (must be 0) and the rows written by refused calls (must be 0).
//
//   1. creates `creditdesk_fuzz_<pid>` on the server of DATABASE_URL (default
//      postgresql://postgres@127.0.0.1:5432/postgres), migrates it and seeds a few customers;
//   2. builds the app in a private copy of the working tree, starts `next start` on a free port and
//      signs in as the demo admin (every permission, so refusals come from validation, not roles);
//   3. for each mutation of the appRouter, at least PER_MUTATION (520) malformed bodies, one at a
//      time, counting the rows of every table the mutations write before and after each refused call;
//   4. crafted cursors on every paged list, and malformed paths on the dynamic pages.
// Exits 1 when any answer is a 5xx or a refused call wrote a row.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import fs from "node:fs/promises";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { createDb, type Db } from "@/server/db/client";
import { applyMigrations, createPostgresDatabase, dropPostgresDatabase } from "@/server/db/migrate";
import { appRouter } from "@/server/trpc/root";
import { DEFAULT_CATEGORY_IDS, DEFAULT_INFRASTRUCTURE_IDS, DEFAULT_METHOD_IDS, DEFAULT_REASON_IDS } from "@/server/modules/settings/settings-defaults";
import { seedDemoData } from "@/prisma/seed/seed-demo-data";
import { isApprovalPending } from "@/server/modules/approvals/approvals.schema";
import { ZIssueCreditInput } from "@/server/modules/credits/credits.schema";
import { issueCredit } from "@/server/modules/credits/issue-credit";
import { createBulkDraft } from "@/server/modules/bulk-credits/upload-batch";
import { ZSetMoneyLimitInput } from "@/server/modules/limits/limits.schema";
import { setMoneyLimit } from "@/server/modules/limits/limits.service";
import { createApiKey } from "@/server/modules/api-keys/api-keys.service";
import { createRole } from "@/server/modules/roles/roles.service";
import { createStaff, getStaffActor } from "@/server/modules/staff/staff.service";
import { createWebhookEndpoint } from "@/server/modules/webhooks/webhooks.service";
import { CRAFTED_CURSORS, malformedBodies } from "./fuzz/malformed-inputs";
import { freePort, nextEnv, signInAsAdmin } from "./lib/next-server";

const { values: args } = parseArgs({
  options: {
    "per-mutation": { type: "string", default: "520" },
    "keep-build": { type: "boolean", default: false },
  },
});
const PER_MUTATION = Number(args["per-mutation"]);
const serverUrl = process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const dbName = `creditdesk_fuzz_${process.pid}`;
const projectRoot = fileURLToPath(new URL("..", import.meta.url));
const buildDir = path.join(os.tmpdir(), `creditdesk-fuzz-app-${process.pid}`);
const nextBin = path.join(buildDir, path.relative(projectRoot, createRequire(import.meta.url).resolve("next/dist/bin/next")));
const log = (line: string) => console.log(line);

// --- Server ------------------------------------------------------------------------------------

const NOT_COPIED = new Set(["node_modules", ".next", ".data", ".git", "test-results", "playwright-report"]);

async function buildPrivateCopy(): Promise<void> {
  await fs.rm(buildDir, { recursive: true, force: true });
  await fs.mkdir(buildDir, { recursive: true });
  for (const entry of await fs.readdir(projectRoot)) {
    if (!NOT_COPIED.has(entry)) await fs.cp(path.join(projectRoot, entry), path.join(buildDir, entry), { recursive: true });
  }
  execFileSync("cp", ["-al", path.join(projectRoot, "node_modules"), path.join(buildDir, "node_modules")]);
  execFileSync(process.execPath, [nextBin, "build"], { cwd: buildDir, stdio: ["ignore", "ignore", "inherit"], env: nextEnv() });
}

async function startServer(url: string, port: number): Promise<{ server: ChildProcess; output: () => string }> {
  const env = nextEnv({
    NODE_ENV: "production",
    DATABASE_URL: url,
    NEXTAUTH_SECRET: randomBytes(32).toString("base64url"),
    NEXTAUTH_URL: `http://127.0.0.1:${port}`,
    CREDITS_EXPIRE_INTERVAL_MINUTES: "0",
    REFUNDS_RECONCILE_INTERVAL_SECONDS: "0",
    NOTIFICATIONS_DELIVER_INTERVAL_SECONDS: "0",
  });
  const server = spawn(process.execPath, [nextBin, "start", "-p", String(port), "-H", "127.0.0.1"], { cwd: buildDir, env, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  server.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  server.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const deadline = Date.now() + 60_000;
  for (;;) {
    const ok = await fetch(`http://127.0.0.1:${port}/api/auth/csrf`).then((r) => r.ok, () => false);
    if (ok) return { server, output: () => output };
    if (Date.now() > deadline || server.exitCode !== null) throw new Error(`The server did not come up:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

// --- What the mutations write ------------------------------------------------------------------

// Not counted: `sign_in_limit`, the rate-limit counters. staff.setPassword (public) spends one
// attempt of its IP's budget before it looks the token up, so a refused call writes a counter row
// there by design (that is how the limit holds against a flood of bad tokens).
const WRITTEN_TABLES = [
  "store_credit", "credit_balance", "credit_event", "audit_log", "notification", "payment", "refund",
  "sandbox_gateway_refund", "credit_category", "adjustment_reason", "payment_infrastructure", "payment_method", "store_currency",
  "role", "money_limit", "staff_user", "staff_password_link", "approval_request", "limit_usage", "api_key",
  "webhook_endpoint", "webhook_event", "webhook_delivery", "credit_expiry_reminder",
];
// A refusal from a request that had started executing is kept under its key (Stripe's rule), so
// a refused call may add a key row holding that refusal; any other key row counts as a write.
const COUNT_SQL = `SELECT ${WRITTEN_TABLES.map((t) => `(SELECT count(*) FROM ${t})::int AS ${t}`).join(", ")},
  (SELECT count(*) FROM idempotency_key WHERE refusal IS NULL)::int AS idempotency_key_answered`;

async function rowCounts(db: Db): Promise<Record<string, number>> {
  const [row] = await db.$queryRawUnsafe<Record<string, number>[]>(COUNT_SQL);
  return row!;
}

const difference = (before: Record<string, number>, after: Record<string, number>) =>
  Object.fromEntries(Object.keys(after).filter((t) => after[t] !== before[t]).map((t) => [t, after[t]! - before[t]!]));

// --- Valid inputs, one per mutation ------------------------------------------------------------

type Fixtures = {
  customerId: string;
  creditId: string;
  paymentId: string;
  currency: string;
  /** Pending approval requests by a fixture support agent: one to approve, one to reject. */
  approveRequestId: string;
  rejectRequestId: string;
  /** Custom roles made for the fuzz: one to update (and to hold money limits), one to delete. */
  updateRoleKey: string;
  deleteRoleKey: string;
  /** A staff member made for the fuzz, for the staff mutations: never the signed-in admin. */
  targetStaffId: string;
  /** Webhook endpoints made for the fuzz (a public IP literal: no DNS needed): one to update, one to delete; and a delivery to resend. */
  webhookEndpointId: string;
  deleteWebhookEndpointId: string;
  webhookDeliveryId: string;
  /** An API key made for the fuzz, for apiKeys.revoke. */
  revokeApiKeyId: string;
  /** A draft bulk credit batch for the bulkCredits mutations. */
  bulkBatchId: string;
};

async function fixtureActor(db: Db, role: string) {
  const staff = await createStaff(db, { email: `fuzz-${process.pid}-${role.toLowerCase()}@creditdesk.test`, name: `Fuzz ${role}`, role, password: randomBytes(24).toString("base64url") });
  const actor = await getStaffActor(db, staff.id);
  if (!actor) throw new Error(`The fixture ${role} is not active`);
  return { db, actor };
}

async function fixturesFrom(db: Db): Promise<Fixtures> {
  const [credit] = await db.$queryRaw<{ id: string; customerId: string }[]>`
    SELECT id, customer_id AS "customerId" FROM store_credit WHERE voided_at IS NULL AND currency = 'USD' ORDER BY created_at LIMIT 1`;
  const [payment] = await db.$queryRaw<{ id: string; currency: string }[]>`
    SELECT id, currency FROM payment WHERE amount_minor - refunded_minor - pending_refund_minor > 100 ORDER BY captured_at LIMIT 1`;
  if (!credit || !payment) throw new Error("The seed made no credit or no refundable payment");

  // Above the support agent's $100 single-credit limit, so each becomes a pending request.
  const agent = await fixtureActor(db, "SUPPORT_AGENT");
  const pendingRequest = async () => {
    const input = ZIssueCreditInput.parse({ idempotencyKey: randomUUID(), customerId: credit.customerId, amount: "500.00", currency: "USD", categoryId: DEFAULT_CATEGORY_IDS.goodwill, memo: "fuzz approval" });
    const result = await issueCredit(agent, input);
    if (!isApprovalPending(result)) throw new Error("The fixture support agent's $500 credit was not sent for approval");
    return result.approvalRequest.id;
  };
  const admin = await fixtureActor(db, "ADMIN");
  const customRole = async (name: string) =>
    (await createRole(admin, { name: `${name} ${process.pid}`, description: "Made by npm run fuzz", permissions: ["customers:read"] })).key;
  const updateRoleKey = await customRole("Fuzz update");
  // limits.clear needs a row to remove.
  await setMoneyLimit(admin, ZSetMoneyLimitInput.parse({ roleKey: updateRoleKey, currency: "USD", maxCredit: "10.00", maxRefund: "10.00", maxSetBalanceChange: "0", dailyCredit: "50.00", dailyRefund: "50.00" }));
  const webhookEndpoint = await createWebhookEndpoint(admin, { url: FUZZ_WEBHOOK_URL, description: "Made by npm run fuzz", events: ["credit.issued"] });
  const deleteWebhookEndpoint = await createWebhookEndpoint(admin, { url: FUZZ_WEBHOOK_URL, description: "Made by npm run fuzz", events: ["credit.issued"] });
  // A credit.issued event now has a delivery to each endpoint.
  await issueCredit(admin, ZIssueCreditInput.parse({ idempotencyKey: randomUUID(), customerId: credit.customerId, amount: "1.00", currency: "USD", categoryId: DEFAULT_CATEGORY_IDS.goodwill, memo: "fuzz webhook" }));
  const [delivery] = await db.$queryRaw<{ id: string }[]>`SELECT id FROM webhook_delivery WHERE endpoint_id = ${webhookEndpoint.id}::uuid LIMIT 1`;
  if (!delivery) throw new Error("The fixture webhook endpoint got no delivery");
  return {
    webhookEndpointId: webhookEndpoint.id,
    deleteWebhookEndpointId: deleteWebhookEndpoint.id,
    webhookDeliveryId: delivery.id,
    customerId: credit.customerId,
    creditId: credit.id,
    paymentId: payment.id,
    currency: payment.currency,
    approveRequestId: await pendingRequest(),
    rejectRequestId: await pendingRequest(),
    updateRoleKey,
    deleteRoleKey: await customRole("Fuzz delete"),
    targetStaffId: (await fixtureActor(db, "VIEWER")).actor.id,
    revokeApiKeyId: (await createApiKey(admin, { name: `Fuzz revoke ${process.pid}`, scopes: ["customers:read"], expiresAt: null })).key.id,
    // A draft bulk batch of one row (the admin's, as the fuzz calls are).
    bulkBatchId: (await createBulkDraft(admin, { fileName: "fuzz.csv", rowCount: 1, byteCount: 60, columns: ["customer", "amount", "currency", "category"] })).batchId,
  };
}

/** A public address written as an IP, so saving it needs no DNS (TEST-NET addresses are refused as reserved). */
const FUZZ_WEBHOOK_URL = "https://93.184.216.34/creditdesk-fuzz";

let nameCounter = 0;
const freshName = () => `Fuzz ${process.pid} ${++nameCounter}`;

function validInputs(f: Fixtures): Record<string, () => Record<string, unknown>> {
  const key = () => randomUUID();
  return {
    "bulkCredits.createDraft": () => ({ fileName: "fuzz.csv", rowCount: 1, byteCount: 60, columns: ["customer", "amount", "currency", "category"] }),
    "bulkCredits.addRows": () => ({ batchId: f.bulkBatchId, rows: [{ line: 2, customer: f.customerId, amount: "1.00", currency: "USD", category: "Goodwill", memo: "fuzz" }] }),
    "bulkCredits.finishUpload": () => ({ batchId: f.bulkBatchId }),
    "bulkCredits.start": () => ({ batchId: f.bulkBatchId, idempotencyKey: key() }),
    "bulkCredits.cancel": () => ({ batchId: f.bulkBatchId }),
    "credits.issue": () => ({ idempotencyKey: key(), customerId: f.customerId, amount: "5.00", currency: "USD", categoryId: DEFAULT_CATEGORY_IDS.goodwill, memo: "fuzz", expiresAt: null, notifyCustomer: false }),
    "credits.send": () => ({
      idempotencyKey: key(), customerId: f.customerId, amount: "5.00", currency: "USD", infrastructureId: DEFAULT_INFRASTRUCTURE_IDS.manual,
      methodId: DEFAULT_METHOD_IDS.adminEntry, earningAmount: "0", isRevenue: true, categoryId: DEFAULT_CATEGORY_IDS.goodwill, memo: "fuzz", expiresAt: null, notifyCustomer: false,
    }),
    "credits.update": () => ({ idempotencyKey: key(), creditId: f.creditId, memo: "fuzz", categoryId: DEFAULT_CATEGORY_IDS.goodwill, expiresAt: null, reasonId: DEFAULT_REASON_IDS.serviceGesture, note: "fuzz" }),
    "credits.void": () => ({ idempotencyKey: key(), creditId: f.creditId, reasonId: DEFAULT_REASON_IDS.serviceGesture, note: "fuzz" }),
    "credits.setBalance": () => ({ idempotencyKey: key(), customerId: f.customerId, currency: "USD", balance: "1.00", expectedBalance: "0.00", reasonId: DEFAULT_REASON_IDS.serviceGesture, note: "fuzz" }),
    "refunds.create": () => ({ idempotencyKey: key(), paymentId: f.paymentId, type: "STORE_CREDIT", amount: "0.01", currency: f.currency, reason: "OTHER", explanation: "fuzz", note: "fuzz", notifyCustomer: false }),
    // The default style, so the fuzz run leaves the store's dates as they were.
    "settings.setDateStyle": () => ({ dateStyle: "en-GB" }),
    "settings.categories.create": () => ({ name: freshName() }),
    "settings.categories.rename": () => ({ id: DEFAULT_CATEGORY_IDS.promotion, name: freshName() }),
    "settings.categories.setActive": () => ({ id: DEFAULT_CATEGORY_IDS.promotion, isActive: true }),
    "settings.reasons.create": () => ({ name: freshName() }),
    "settings.reasons.rename": () => ({ id: DEFAULT_REASON_IDS.reconciliation, name: freshName() }),
    "settings.reasons.setActive": () => ({ id: DEFAULT_REASON_IDS.reconciliation, isActive: true }),
    "settings.infrastructures.create": () => ({ name: freshName() }),
    "settings.infrastructures.rename": () => ({ id: DEFAULT_INFRASTRUCTURE_IDS.cash, name: freshName() }),
    "settings.infrastructures.setActive": () => ({ id: DEFAULT_INFRASTRUCTURE_IDS.cash, isActive: true }),
    "settings.methods.create": () => ({ infrastructureId: DEFAULT_INFRASTRUCTURE_IDS.cash, name: freshName() }),
    "settings.methods.rename": () => ({ id: DEFAULT_METHOD_IDS.inStore, name: freshName() }),
    "settings.methods.setActive": () => ({ id: DEFAULT_METHOD_IDS.inStore, isActive: true }),
    "settings.currencies.add": () => ({ code: "SEK" }),
    "settings.currencies.setEnabled": () => ({ code: "USD", isEnabled: true }),
    // Off, as the store starts: the fuzz run leaves reminders as they were.
    "settings.setExpiryReminders": () => ({ isOn: false, days: 7 }),
    "webhooks.create": () => ({ url: FUZZ_WEBHOOK_URL, description: "fuzz", events: ["credit.spent"] }),
    "webhooks.update": () => ({ endpointId: f.webhookEndpointId, url: FUZZ_WEBHOOK_URL, description: "fuzz", events: ["credit.issued", "credit.voided"], isEnabled: true }),
    "webhooks.delete": () => ({ endpointId: f.deleteWebhookEndpointId }),
    "webhooks.resend": () => ({ deliveryId: f.webhookDeliveryId }),
    "approvals.approve": () => ({ idempotencyKey: key(), requestId: f.approveRequestId }),
    "approvals.reject": () => ({ idempotencyKey: key(), requestId: f.rejectRequestId, reason: "fuzz" }),
    "limits.set": () => ({ roleKey: f.updateRoleKey, currency: "USD", maxCredit: "20.00", maxRefund: "20.00", maxSetBalanceChange: null, dailyCredit: "100.00", dailyRefund: "100.00" }),
    "limits.clear": () => ({ roleKey: f.updateRoleKey, currency: "USD" }),
    "roles.create": () => ({ name: freshName(), description: "fuzz", permissions: ["customers:read", "credits:read"] }),
    "roles.update": () => ({ key: f.updateRoleKey, name: freshName(), description: "fuzz", permissions: ["customers:read"] }),
    "roles.delete": () => ({ key: f.deleteRoleKey }),
    "apiKeys.create": () => ({ name: freshName(), scopes: ["customers:read", "balances:read"], expiresAt: null }),
    "apiKeys.revoke": () => ({ id: f.revokeApiKeyId }),
    "staff.create": () => ({ name: freshName(), email: `fuzz-${process.pid}-${++nameCounter}@creditdesk.test`, roleKey: "VIEWER" }),
    "staff.changeRole": () => ({ staffId: f.targetStaffId, role: "SUPPORT_AGENT" }),
    "staff.deactivate": () => ({ staffId: f.targetStaffId }),
    "staff.reactivate": () => ({ staffId: f.targetStaffId }),
    "staff.resetPassword": () => ({ staffId: f.targetStaffId }),
    // A well-formed token nobody issued: the valid shape is refused (404) and then throttled (429).
    "staff.setPassword": () => ({ token: randomBytes(32).toString("base64url"), password: "fuzz-password-long-enough", confirm: "fuzz-password-long-enough" }),
  };
}

const LISTS: [path: string, input: (f: Fixtures) => Record<string, unknown>][] = [
  ["credits.list", (f) => ({ customerId: f.customerId })],
  ["credits.history", (f) => ({ customerId: f.customerId })],
  ["payments.list", (f) => ({ customerId: f.customerId })],
  ["refunds.list", () => ({})],
  ["notifications.list", (f) => ({ customerId: f.customerId })],
  ["webhooks.deliveries", (f) => ({ endpointId: f.webhookEndpointId })],
  ["customers.search", () => ({ sort: "relevance" })],
  ["customers.search", () => ({ sort: "createdAt" })],
  ["customers.search", () => ({ sort: "email", query: "a" })],
];

// --- Run ---------------------------------------------------------------------------------------

type Tally = { calls: number; byStatus: Map<number, number>; accepted: string[]; serverErrors: string[]; refusedWrites: string[] };
const newTally = (): Tally => ({ calls: 0, byStatus: new Map(), accepted: [], serverErrors: [], refusedWrites: [] });
const count = (tally: Tally, status: number) => {
  tally.calls += 1;
  tally.byStatus.set(status, (tally.byStatus.get(status) ?? 0) + 1);
};

let server: ChildProcess | undefined;
let serverOutput = () => "";
const started = performance.now();
try {
  log(`Preparing ${dbName} on ${new URL(serverUrl).host} (migrate, seed 60 customers)…`);
  await dropPostgresDatabase(serverUrl, dbName);
  const url = await createPostgresDatabase(serverUrl, dbName);
  await applyMigrations({ kind: "postgres", url });
  const { db, close } = await createDb({ kind: "postgres", url });
  try {
    await seedDemoData(db, { customers: 60 });
    const fixtures = await fixturesFrom(db);

    log(`Building the app in ${buildDir}…`);
    await buildPrivateCopy();
    const port = await freePort();
    ({ server, output: serverOutput } = await startServer(url, port));
    const base = `http://127.0.0.1:${port}`;
    const cookie = await signInAsAdmin(base);

    const mutations = Object.entries(appRouter._def.procedures as unknown as Record<string, { _def: { type: string } }>)
      .filter(([, procedure]) => procedure._def.type === "mutation")
      .map(([name]) => name)
      .sort();
    const inputs = validInputs(fixtures);
    const missing = mutations.filter((name) => !inputs[name]);
    if (missing.length) throw new Error(`No valid input for ${missing.join(", ")}: add one to validInputs`);

    const total = newTally();
    const rows: [string, Tally][] = [];
    log(`Fuzzing ${mutations.length} mutations, at least ${PER_MUTATION} malformed bodies each…`);
    for (const [index, name] of mutations.entries()) {
      const tally = newTally();
      for (const { label, body } of malformedBodies(inputs[name]!, PER_MUTATION, 9 + index)) {
        const before = await rowCounts(db);
        const res = await fetch(`${base}/api/trpc/${name}`, { method: "POST", headers: { "content-type": "application/json", cookie }, body });
        const text = await res.text();
        count(tally, res.status);
        count(total, res.status);
        if (res.status >= 500) tally.serverErrors.push(`${res.status} ${label}: ${text.slice(0, 200)}`);
        if (res.status < 300) {
          tally.accepted.push(label);
          continue;
        }
        const written = difference(before, await rowCounts(db));
        if (Object.keys(written).length) tally.refusedWrites.push(`${res.status} ${label}: ${JSON.stringify(written)}`);
      }
      rows.push([name, tally]);
      log(`  ${name}: ${tally.calls} calls, ${tally.serverErrors.length} 5xx`);
    }

    const cursors = newTally();
    for (const [pathName, inputOf] of LISTS) {
      for (const [label, cursor] of CRAFTED_CURSORS) {
        const input = encodeURIComponent(JSON.stringify({ json: { ...inputOf(fixtures), cursor } }));
        const res = await fetch(`${base}/api/trpc/${pathName}?input=${input}`, { headers: { cookie } });
        const text = await res.text();
        count(cursors, res.status);
        count(total, res.status);
        if (res.status >= 500) cursors.serverErrors.push(`${res.status} ${pathName} ${label}: ${text.slice(0, 200)}`);
        if (res.status < 300) cursors.accepted.push(`${pathName} ${label}`);
      }
    }

    const pages = newTally();
    const pagePaths = [
      "/customers/%ff", "/customers/%E0%A4%A", "/customers/%ff/payments", "/customers/%ff/credits/%ff", `/customers/${fixtures.customerId}/credits/%ff`,
      `/customers/${fixtures.customerId}/credits/not-a-uuid`, "/customers/not-a-uuid", "/customers/%00", "/refunds?status=%ff", "/customers?q=%ff",
    ];
    const pageAnswers: string[] = [];
    for (const pagePath of pagePaths) {
      const res = await fetch(`${base}${pagePath}`, { headers: { cookie }, redirect: "manual" });
      await res.arrayBuffer();
      count(pages, res.status);
      count(total, res.status);
      pageAnswers.push(`${res.status} ${pagePath}`);
      if (res.status >= 500) pages.serverErrors.push(`${res.status} ${pagePath}`);
    }

    const statuses = (tally: Tally) => [...tally.byStatus].sort(([a], [b]) => a - b).map(([s, n]) => `${s}:${n}`).join(" ");
    log("");
    log(`${"mutation".padEnd(36)} ${"calls".padStart(5)}  ${"5xx".padStart(3)}  ${"refused+wrote".padStart(13)}  answers by status`);
    for (const [name, tally] of rows) {
      log(`${name.padEnd(36)} ${String(tally.calls).padStart(5)}  ${String(tally.serverErrors.length).padStart(3)}  ${String(tally.refusedWrites.length).padStart(13)}  ${statuses(tally)}`);
    }
    log(`${"crafted cursors on lists".padEnd(36)} ${String(cursors.calls).padStart(5)}  ${String(cursors.serverErrors.length).padStart(3)}  ${"-".padStart(13)}  ${statuses(cursors)}`);
    log(`${"malformed page paths".padEnd(36)} ${String(pages.calls).padStart(5)}  ${String(pages.serverErrors.length).padStart(3)}  ${"-".padStart(13)}  ${statuses(pages)}`);
    log("");
    const serverErrors = [...rows.flatMap(([, t]) => t.serverErrors), ...cursors.serverErrors, ...pages.serverErrors];
    const refusedWrites = rows.flatMap(([name, t]) => t.refusedWrites.map((w) => `${name} ${w}`));
    log(`total calls ${total.calls}, answers by status: ${statuses(total)}`);
    log(`5xx answers: ${serverErrors.length}`);
    for (const line of serverErrors.slice(0, 20)) log(`  ${line}`);
    log(`rows written by refused calls: ${refusedWrites.length}`);
    for (const line of refusedWrites.slice(0, 20)) log(`  ${line}`);
    log(`malformed inputs the server accepted (valid after trimming or defaults; they wrote as valid calls do):`);
    for (const [name, tally] of rows) if (tally.accepted.length) log(`  ${name}: ${tally.accepted.length} (${[...new Set(tally.accepted)].slice(0, 6).join("; ")}${tally.accepted.length > 6 ? "; …" : ""})`);
    // A text sort accepts any text position ("zzz" sorts somewhere), so those pages are valid.
    if (cursors.accepted.length) log(`  crafted cursors accepted as positions: ${cursors.accepted.join("; ")}`);
    log(`page paths: ${pageAnswers.join(", ")}`);
    log(`took ${((performance.now() - started) / 1000).toFixed(0)} s`);
    if (serverErrors.length || refusedWrites.length) process.exitCode = 1;
  } finally {
    await close();
  }
} catch (error) {
  console.error(error);
  if (serverOutput()) console.error(`server output:\n${serverOutput().slice(-4000)}`);
  process.exitCode = 1;
} finally {
  server?.kill("SIGTERM");
  await dropPostgresDatabase(serverUrl, dbName).catch(() => undefined);
  if (!args["keep-build"]) await fs.rm(buildDir, { recursive: true, force: true });
}

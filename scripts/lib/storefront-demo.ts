// `npm run demo:storefront` (scripts/demo-storefront.ts): a checkout driven against a running
// server the way a shop would, over the Storefront API with a fresh API key, and the webhook events
// it causes arriving at a small receiver this process starts. Everything goes through the server
// (tRPC as the signed-in demo admin for the key and the endpoint, REST for the checkout): the
// embedded database is locked by the server, and a demo that opened the database would not show
// what a shop sees. e2e/demo-storefront.spec.ts runs it against the production build.
import { randomUUID } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { Webhook } from "standardwebhooks";
import { callTrpc, resultOf, type Answer } from "@/bench/lib/money-workload";
import { signIn } from "@/bench/lib/next-server";
import { DEMO_PASSWORD, DEMO_STAFF } from "@/prisma/seed/demo-staff";

export type StorefrontDemoOptions = {
  /** The running server, e.g. http://localhost:3000. */
  url: string;
  /** The staff member who makes the key and the endpoint (needs apiKeys:manage and webhooks:manage). */
  email?: string;
  password?: string;
  /** A customer to check out as (looked up by email); default a demo shopper the script upserts by external id. */
  customerEmail?: string;
  /** How long to wait for the webhook events (the delivery job runs every WEBHOOKS_DELIVER_INTERVAL_SECONDS, 5 by default). */
  waitSeconds?: number;
  /** The receiver's port on 127.0.0.1; 0 for a free one. */
  receiverPort?: number;
  log?: (line: string) => void;
};

export type ReceivedEvent = { id: string; type: string; data: Record<string, unknown>; isVerified: boolean };

export type StorefrontDemoResult = {
  /** Each REST call: method, path, status. */
  calls: { method: string; path: string; status: number }[];
  /** The demo customer's events that arrived, in arrival order. */
  events: ReceivedEvent[];
  /** Event types expected but not received within the wait (empty when all arrived). */
  missing: string[];
  /** Why webhooks could not be shown (the server refuses loopback receivers), else null. */
  webhookProblem: string | null;
  apiKeyId: string;
  endpointId: string | null;
};

/** The events this checkout causes (a reversal has no event type of its own). */
export const EXPECTED_EVENTS = ["hold.created", "hold.captured", "credit.spent", "hold.released"] as const;

const ALLOW_PRIVATE_HINT =
  "The server refuses webhook deliveries to loopback and private addresses. Start it with WEBHOOKS_ALLOW_PRIVATE=1 " +
  "(e.g. `WEBHOOKS_ALLOW_PRIVATE=1 npm start`) to receive the events on this machine.";

class DemoError extends Error {}

const trpcMessage = (answer: Answer) =>
  (answer.json as { error?: { json?: { message?: string } } } | null)?.error?.json?.message ?? answer.text.slice(0, 300);

export async function runStorefrontDemo(opts: StorefrontDemoOptions): Promise<StorefrontDemoResult> {
  const log = opts.log ?? console.log;
  const base = opts.url.replace(/\/$/, "");
  const email = opts.email ?? DEMO_STAFF.find((s) => s.role === "ADMIN")!.email;
  const waitSeconds = opts.waitSeconds ?? 30;

  log(`Signing in to ${base} as ${email}…`);
  const cookie = await signIn(base, email, opts.password ?? DEMO_PASSWORD).catch((error: unknown) => {
    throw new DemoError(`Could not reach ${base} (${error instanceof Error ? error.message : String(error)}); start the server with \`npm start\` or pass --url`);
  });
  if (!cookie) throw new DemoError(`The sign-in of ${email} was refused; use the demo logins \`npm start\` prints (or --email/--password)`);
  const trpc = async <T>(path: string, type: "query" | "mutation", input?: unknown): Promise<T> => {
    const answer = await callTrpc(base, { path, type, input, cookie });
    if (answer.status !== 200) throw new DemoError(`${path} answered ${answer.status}: ${trpcMessage(answer)}`);
    return resultOf<T>(answer);
  };

  const { key, secret } = await trpc<{ key: { id: string; prefix: string }; secret: string }>("apiKeys.create", "mutation", {
    name: `Storefront demo ${new Date().toISOString().slice(0, 19)}`,
    scopes: ["customers:read", "customers:write", "balances:read", "credits:issue", "credits:spend"],
    // A safety net: the key expires by itself should this script be killed before it revokes it.
    expiresAt: new Date(Date.now() + 60 * 60 * 1000),
  });
  log(`Created API key ${key.prefix}… (apiKeys.create; revoked at the end)`);

  const received: ReceivedEvent[] = [];
  let otherEvents = 0;
  let customerId: string | null = null;
  let endpointSecret: string | null = null;
  let onEvent: () => void = () => undefined;
  const receiver = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      const headers = Object.fromEntries(Object.entries(req.headers).map(([name, value]) => [name, String(value)]));
      let payload: { type: string; data: Record<string, unknown> };
      let isVerified = false;
      try {
        payload = new Webhook(endpointSecret!).verify(body, headers) as typeof payload;
        isVerified = true;
      } catch {
        payload = JSON.parse(body) as typeof payload;
      }
      res.writeHead(isVerified ? 204 : 400).end();
      if (payload.data.customer_id !== customerId) {
        otherEvents += 1;
        return;
      }
      const event = { id: headers["webhook-id"] ?? "?", type: payload.type, data: payload.data, isVerified };
      received.push(event);
      log(`  webhook ${event.type.padEnd(14)} ${event.id}  signature ${isVerified ? "verified (standardwebhooks)" : "DOES NOT VERIFY"}  ${JSON.stringify(event.data)}`);
      onEvent();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(opts.receiverPort ?? 0, "127.0.0.1", resolve));
  const receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/creditdesk-webhooks`;

  let endpointId: string | null = null;
  let webhookProblem: string | null = null;
  const calls: StorefrontDemoResult["calls"] = [];
  try {
    const created = await callTrpc(base, {
      path: "webhooks.create",
      type: "mutation",
      cookie,
      input: { url: receiverUrl, description: "Storefront demo receiver (removed at the end)", events: [...EXPECTED_EVENTS, "credit.issued", "customer.updated"] },
    });
    if (created.status === 200) {
      const endpoint = resultOf<{ id: string; secret: string }>(created);
      endpointId = endpoint.id;
      endpointSecret = endpoint.secret;
      log(`Receiving webhooks at ${receiverUrl} (webhooks.create; removed at the end)`);
    } else {
      webhookProblem = `webhooks.create refused ${receiverUrl}: ${trpcMessage(created)}. ${ALLOW_PRIVATE_HINT}`;
      log(`NOTE: ${webhookProblem}`);
    }

    const api = async (method: "GET" | "POST", path: string, body?: unknown): Promise<Record<string, any>> => { // eslint-disable-line @typescript-eslint/no-explicit-any
      const headers: Record<string, string> = { authorization: `Bearer ${secret}` };
      if (method === "POST") Object.assign(headers, { "content-type": "application/json", "idempotency-key": randomUUID() });
      log("");
      log(`→ ${method} /api/v1${path}${body === undefined ? "" : `  ${JSON.stringify(body)}`}`);
      const res = await fetch(`${base}/api/v1${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
      const answer = (await res.json()) as Record<string, unknown>;
      log(`← ${res.status} ${JSON.stringify(answer, null, 2).replaceAll("\n", "\n  ")}`);
      calls.push({ method, path, status: res.status });
      if (!res.ok) throw new DemoError(`${method} ${path} answered ${res.status}: ${JSON.stringify(answer)}`);
      return answer;
    };

    log("");
    log("1. The shop looks up its customer");
    const customer = opts.customerEmail
      ? await api("GET", `/customers/by-email/${encodeURIComponent(opts.customerEmail)}`)
      : await api("POST", "/customers", { external_id: "storefront-demo-shopper", email: "storefront-demo@example.com", first_name: "Dana", last_name: "Demo" });
    customerId = customer.id as string;
    const balances = await api("GET", `/customers/${customerId}/balances`);
    const usd = (balances.balances as { currency: string; spendable: { amount_minor: string } }[]).find((b) => b.currency === "USD");
    if (!usd || BigInt(usd.spendable.amount_minor) < 2000n) {
      log("   (less than 20.00 USD spendable: the demo issues 50.00 first, scope credits:issue)");
      await api("POST", `/customers/${customerId}/credits`, { amount: "50.00", currency: "USD", memo: "Storefront demo top-up" });
    }

    log("");
    log("2. Checkout: hold 20.00 of store credit for the order");
    const orderRef = `DEMO-${Date.now()}`;
    const hold = await api("POST", "/holds", { customer_id: customerId, amount: "20.00", currency: "USD", order_ref: orderRef });
    const holdId = hold.hold.id as string;

    log("");
    log("3. The order ships for 15.00: capture 15.00; the other 5.00 of the hold is released with it");
    const captured = await api("POST", `/holds/${holdId}/capture`, { amount: "15.00" });

    log("");
    log("4. A second cart is abandoned: hold 5.00, then release it");
    const abandoned = await api("POST", "/holds", { customer_id: customerId, amount: "5.00", currency: "USD", order_ref: `${orderRef}-ABANDONED` });
    await api("POST", `/holds/${abandoned.hold.id as string}/release`, {});

    log("");
    log("5. The order is cancelled: reverse the spend (the 15.00 goes back onto its credits)");
    await api("POST", `/spends/${captured.spend.operation_id as string}/reverse`, {});
    await api("GET", `/customers/${customerId}/balances`);

    let missing: string[] = [...EXPECTED_EVENTS];
    if (endpointId) {
      log("");
      log(`6. Webhook events (waiting up to ${waitSeconds} s; the server's delivery job runs every WEBHOOKS_DELIVER_INTERVAL_SECONDS, 5 by default)`);
      const missingNow = () => EXPECTED_EVENTS.filter((type) => !received.some((e) => e.type === type));
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, waitSeconds * 1000);
        onEvent = () => {
          if (missingNow().length === 0) {
            clearTimeout(timer);
            resolve();
          }
        };
        onEvent();
      });
      missing = missingNow();
      if (otherEvents > 0) log(`  (${otherEvents} events about other customers arrived too and were not printed)`);
      if (missing.length > 0) {
        const deliveries = await trpc<{ items: { eventType: string; status: string; attempts: number; lastError: string | null; lastResponseCode: number | null }[] }>(
          "webhooks.deliveries",
          "query",
          { endpointId, cursor: null, limit: 25 },
        );
        const refused = deliveries.items.find((d) => /private|loopback/i.test(d.lastError ?? ""));
        webhookProblem = refused
          ? `the server refused to deliver to ${receiverUrl}: ${refused.lastError}. ${ALLOW_PRIVATE_HINT}`
          : `not received within ${waitSeconds} s: ${missing.join(", ")}; deliveries: ${deliveries.items.map((d) => `${d.eventType} ${d.status} (${d.attempts} tries${d.lastError ? `, ${d.lastError}` : ""})`).join("; ") || "none"}. Is the server's delivery job running (WORKERS, WEBHOOKS_DELIVER_INTERVAL_SECONDS)?`;
        log(`NOTE: ${webhookProblem}`);
      }
    }
    return { calls, events: received, missing, webhookProblem, apiKeyId: key.id, endpointId };
  } finally {
    log("");
    if (endpointId) await trpc("webhooks.delete", "mutation", { endpointId }).then(() => log("Removed the webhook endpoint (webhooks.delete)"));
    await trpc("apiKeys.revoke", "mutation", { id: key.id }).then(() => log(`Revoked API key ${key.prefix}… (apiKeys.revoke)`));
    await new Promise((resolve) => receiver.close(resolve));
  }
}

export const isDemoError = (error: unknown): error is Error => error instanceof DemoError;

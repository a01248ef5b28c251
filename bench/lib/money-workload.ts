// A mixed money workload over HTTP, as a client would drive it: issue credits, change their
// amounts, void them, and search customers in between. Each client loop owns the credits it
// issued (so its own updates never conflict) while customers and their balances are shared.
// A failed mutation is retried with the same idempotency key, as a real client would; what a 2xx
// answer acknowledged is recorded, so a check afterwards can find every acknowledged write in the
// database. Used by the multi-node test (tests/cluster) and bench/soak.
import { randomUUID } from "node:crypto";
import superjson from "superjson";
import type { Db } from "@/server/db/client";
import { DEFAULT_CATEGORY_IDS, DEFAULT_REASON_IDS } from "@/server/modules/settings/settings-defaults";

export type Answer = { status: number; text: string; json: unknown; headers: Headers };

/** One tRPC call over HTTP (no batching); a network error is status 0. */
export async function callTrpc(base: string, opts: { path: string; type: "query" | "mutation"; input?: unknown; cookie?: string; timeoutMs?: number }): Promise<Answer> {
  const serialized = opts.input === undefined ? undefined : JSON.stringify(superjson.serialize(opts.input));
  const url = new URL(`${base}/api/trpc/${opts.path}`);
  if (opts.type === "query" && serialized !== undefined) url.searchParams.set("input", serialized);
  try {
    const res = await fetch(url, {
      method: opts.type === "query" ? "GET" : "POST",
      headers: { "content-type": "application/json", ...(opts.cookie ? { cookie: opts.cookie } : {}) },
      body: opts.type === "mutation" ? serialized : undefined,
      signal: AbortSignal.timeout(opts.timeoutMs ?? 30_000),
    });
    const text = await res.text();
    let json: unknown = null;
    try {
      json = JSON.parse(text);
    } catch {
      // not JSON: kept as text for the failure message
    }
    return { status: res.status, text, json, headers: res.headers };
  } catch (error) {
    return { status: 0, text: error instanceof Error ? `${error.name}: ${error.message}` : String(error), json: null, headers: new Headers() };
  }
}

/** The procedure's result from a 2xx answer (superjson-decoded). */
export function resultOf<T>(answer: Answer): T {
  const { result } = answer.json as { result: { data: Parameters<typeof superjson.deserialize>[0] } };
  return superjson.deserialize<T>(result.data);
}

export type AcknowledgedCredit = {
  creditId: string;
  customerId: string;
  currency: string;
  /** The amount the last acknowledged issue or update set. */
  amountMinor: bigint;
  isVoided: boolean;
  /** An update or void on it got no 2xx after every retry: its final state is not known. */
  isUncertain: boolean;
};

export type CallRecord = { op: Op; status: number; ms: number; at: number; text?: string };
type Op = "issue" | "update" | "void" | "search";

export type WorkloadStats = {
  calls: CallRecord[];
  credits: AcknowledgedCredit[];
};

const CURRENCIES = ["USD", "EUR"] as const;
const amountText = (minor: bigint) => `${minor / 100n}.${String(minor % 100n).padStart(2, "0")}`;
const randomMinor = () => BigInt(100 + Math.floor(Math.random() * 20_000));
const pick = <T>(items: readonly T[]) => items[Math.floor(Math.random() * items.length)]!;

export type WorkloadOptions = {
  /** Where calls go: the load balancer, usually. */
  base: string | (() => string);
  cookie: string;
  customerIds: string[];
  clients: number;
  /** Tries per mutation (same idempotency key) before it counts as unanswered. */
  attempts?: number;
  /** Pause between tries, after a 503 or a dropped connection. */
  retryDelayMs?: number;
};

/** Starts the workload; `stop()` ends it after the calls in flight and returns what happened. */
export function startMoneyWorkload(opts: WorkloadOptions): { stop: () => Promise<WorkloadStats>; stats: WorkloadStats } {
  const stats: WorkloadStats = { calls: [], credits: [] };
  const attempts = opts.attempts ?? 20;
  const retryDelayMs = opts.retryDelayMs ?? 250;
  const base = typeof opts.base === "string" ? () => opts.base as string : opts.base;
  let isStopped = false;

  async function timed(op: Op, call: () => Promise<Answer>): Promise<Answer> {
    const started = performance.now();
    const answer = await call();
    const ms = performance.now() - started;
    stats.calls.push({ op, status: answer.status, ms, at: Date.now(), ...(answer.status >= 200 && answer.status < 300 ? {} : { text: answer.text.slice(0, 400) }) });
    return answer;
  }

  /** The same mutation (same key) until a 2xx or a refusal that retrying cannot change. */
  async function mutate(op: Op, path: string, input: Record<string, unknown>): Promise<Answer | null> {
    for (let attempt = 1; attempt <= attempts; attempt++) {
      const answer = await timed(op, () => callTrpc(base(), { path, type: "mutation", input, cookie: opts.cookie }));
      if (answer.status >= 200 && answer.status < 300) return answer;
      const isRetryable = answer.status === 0 || answer.status === 502 || answer.status === 503;
      if (!isRetryable) return null;
      await new Promise((resolve) => setTimeout(resolve, retryDelayMs));
    }
    return null;
  }

  async function client(): Promise<void> {
    const mine: AcknowledgedCredit[] = [];
    while (!isStopped) {
      const live = mine.filter((c) => !c.isVoided && !c.isUncertain);
      const roll = Math.random();
      if (roll < 0.15) {
        await timed("search", () => callTrpc(base(), { path: "customers.search", type: "query", input: { query: pick(["an", "Ma", "son", "Lee", "ar"]) }, cookie: opts.cookie }));
      } else if (roll < 0.35 && live.length > 0) {
        const credit = pick(live);
        const amountMinor = randomMinor();
        const answer = await mutate("update", "credits.update", {
          idempotencyKey: randomUUID(),
          creditId: credit.creditId,
          amount: amountText(amountMinor),
          expectedAmount: amountText(credit.amountMinor),
          currency: credit.currency,
          reasonId: DEFAULT_REASON_IDS.reconciliation,
        });
        if (answer) credit.amountMinor = amountMinor;
        else credit.isUncertain = true;
      } else if (roll < 0.45 && live.length > 0) {
        const credit = pick(live);
        const answer = await mutate("void", "credits.void", { idempotencyKey: randomUUID(), creditId: credit.creditId, reasonId: DEFAULT_REASON_IDS.enteredInError });
        if (answer) credit.isVoided = true;
        else credit.isUncertain = true;
      } else {
        const currency = pick(CURRENCIES);
        const amountMinor = randomMinor();
        const customerId = pick(opts.customerIds);
        const answer = await mutate("issue", "credits.issue", {
          idempotencyKey: randomUUID(),
          customerId,
          amount: amountText(amountMinor),
          currency,
          categoryId: DEFAULT_CATEGORY_IDS.goodwill,
          memo: "workload",
        });
        if (answer) {
          const { creditId } = resultOf<{ creditId: string }>(answer);
          const credit = { creditId, customerId, currency, amountMinor, isVoided: false, isUncertain: false };
          mine.push(credit);
          stats.credits.push(credit);
        }
      }
    }
  }

  const running = Promise.all(Array.from({ length: opts.clients }, client));
  return {
    stats,
    async stop() {
      isStopped = true;
      await running;
      return stats;
    },
  };
}

/** p-th percentile (0-100) of the values, nearest rank; 0 for none. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

/** Every acknowledged credit that the database does not hold as acknowledged (empty: none lost). */
export async function findLostWrites(db: Db, credits: AcknowledgedCredit[]): Promise<string[]> {
  const rows = new Map((await db.storeCredit.findMany({ where: { id: { in: credits.map((c) => c.creditId) } }, select: { id: true, amountMinor: true, voidedAt: true } })).map((r) => [r.id, r]));
  const lost: string[] = [];
  for (const credit of credits) {
    const row = rows.get(credit.creditId);
    if (!row) lost.push(`${credit.creditId}: issued (2xx) but not in the database`);
    else if (credit.isUncertain) continue;
    else if (credit.isVoided && row.voidedAt === null) lost.push(`${credit.creditId}: voided (2xx) but not voided`);
    else if (!credit.isVoided && row.amountMinor !== credit.amountMinor) lost.push(`${credit.creditId}: amount ${row.amountMinor}, acknowledged ${credit.amountMinor}`);
  }
  return lost;
}

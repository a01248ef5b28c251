// What the load benches share: a keep-alive HTTP client, closed-loop clients driving one call back
// to back for a while, and the summary (ops/s, p50, p99, max) of what they measured.
import http from "node:http";

export type Response = { status: number; body: string; cookies: string[] };
export type LoadResult = { ok: number; failed: number; failures: Map<string, number>; latenciesMs: number[]; seconds: number };
export type Summary = { opsPerSecond: number; p50: number; p99: number; max: number };

/** One keep-alive agent per bench; `destroy()` it between phases so a phase never starts on sockets a server has closed. */
export function httpClient(maxSockets: number) {
  const agent = new http.Agent({ keepAlive: true, maxSockets });
  const request = (opts: { port: number; method: string; path: string; body?: string; headers?: Record<string, string> }): Promise<Response> =>
    new Promise((resolve, reject) => {
      const req = http.request({ host: "127.0.0.1", port: opts.port, method: opts.method, path: opts.path, headers: opts.headers, agent }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString(), cookies: res.headers["set-cookie"] ?? [] }));
      });
      req.on("error", reject);
      if (opts.body) req.write(opts.body);
      req.end();
    });
  return { agent, request };
}

/** `clients` loops calling `call` back to back for `seconds`; the latency of every 2xx answer, the others counted by status and body. */
export async function drive(call: () => Promise<Response>, seconds: number, clients: number): Promise<LoadResult> {
  const result: LoadResult = { ok: 0, failed: 0, failures: new Map(), latenciesMs: [], seconds };
  const stopAt = performance.now() + seconds * 1000;
  const client = async () => {
    while (performance.now() < stopAt) {
      const started = performance.now();
      const res = await call().catch((error: unknown) => ({ status: 0, body: String(error), cookies: [] }));
      const elapsed = performance.now() - started;
      if (res.status >= 200 && res.status < 300) {
        result.ok += 1;
        result.latenciesMs.push(elapsed);
      } else {
        result.failed += 1;
        const key = `${res.status} ${res.body.slice(0, 160)}`;
        result.failures.set(key, (result.failures.get(key) ?? 0) + 1);
      }
    }
  };
  await Promise.all(Array.from({ length: clients }, client));
  return result;
}

/** Adds one slice's answers to a phase's total (phases run in slices across interleaved rounds). */
export function mergeLoad(into: LoadResult | undefined, slice: LoadResult): LoadResult {
  if (!into) return slice;
  for (const [failure, count] of slice.failures) into.failures.set(failure, (into.failures.get(failure) ?? 0) + count);
  into.latenciesMs.push(...slice.latenciesMs);
  return { ...into, ok: into.ok + slice.ok, failed: into.failed + slice.failed, seconds: into.seconds + slice.seconds };
}

export function summarise(load: LoadResult): Summary {
  const sorted = [...load.latenciesMs].sort((a, b) => a - b);
  return { opsPerSecond: load.ok / load.seconds, p50: percentileOf(sorted, 50), p99: percentileOf(sorted, 99), max: sorted.at(-1) ?? NaN };
}

function percentileOf(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export const fmt = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : "n/a");
export const summaryLine = (s: Summary) =>
  `ops/s ${fmt(s.opsPerSecond).padStart(7)}   p50 ${fmt(s.p50).padStart(6)} ms   p99 ${fmt(s.p99).padStart(6)} ms   max ${fmt(s.max).padStart(6)} ms`;

export type LoadPhase = { name: string; seconds: number; run: (seconds: number) => Promise<LoadResult> };

/**
 * The phases in `rounds` interleaved slices each (so drift on the shared machine falls on all of
 * them alike), merged per phase. Each slice starts on fresh sockets: a server or HAProxy may
 * have closed ones left idle since the last phase.
 */
export async function runInterleaved(phases: LoadPhase[], rounds: number, agent: { destroy(): void }, log: (line: string) => void) {
  const totals = new Map<string, LoadResult>();
  for (let round = 1; round <= rounds; round++) {
    log(`Round ${round} of ${rounds}: ${phases.map((p) => p.name).join(", ")}…`);
    for (const phase of phases) {
      agent.destroy();
      totals.set(phase.name, mergeLoad(totals.get(phase.name), await phase.run(phase.seconds / rounds)));
    }
  }
  return totals;
}

// N `next start` servers on one PostgreSQL behind HAProxy (round-robin, no sticky sessions,
// health checks on /api/ready): what `npm run cluster`, the multi-node test (tests/cluster) and
// bench/soak share. The app is built once in a private copy of the working tree (as the benches
// do), so a build or e2e run elsewhere cannot pull .next away mid-run; a fresh build is reused.
import { execFileSync, spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { once } from "node:events";
import fs from "node:fs/promises";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { freePort, nextEnv } from "@/bench/lib/next-server";
import { parseConfig } from "@/server/config";
import { needsBuild } from "./build-freshness";

const projectRoot = fileURLToPath(new URL("../..", import.meta.url));
export const DEFAULT_BUILD_DIR = path.join(os.tmpdir(), "creditdesk-cluster-app");
const NOT_COPIED = new Set(["node_modules", ".next", ".data", ".git", "test-results", "playwright-report"]);

export const HAPROXY_PREREQUISITE = "HAProxy is needed for the load balancer: install it with `apt-get install -y haproxy` (Debian/Ubuntu).";
export const POSTGRES_PREREQUISITE =
  "Several servers need one shared PostgreSQL: set DATABASE_URL=postgresql://… (the embedded PGlite database serves a single process).";

/** Stops with the prerequisite when HAProxy is not installed. */
export function requireHaproxy(): void {
  const found = spawnSync("haproxy", ["-v"], { stdio: "ignore" });
  if (found.error || found.status !== 0) throw new Error(HAPROXY_PREREQUISITE);
}

/** The PostgreSQL URL the nodes share; refuses PGlite (no URL) and anything but postgres://. */
export function requirePostgresUrl(url: string | undefined): string {
  if (!url || !/^postgres(ql)?:\/\//.test(url)) throw new Error(POSTGRES_PREREQUISITE);
  return url;
}

const nextBinIn = (buildDir: string) =>
  // Next.js from the copy's own node_modules: one from the project would load a second React.
  path.join(buildDir, path.relative(projectRoot, createRequire(import.meta.url).resolve("next/dist/bin/next")));

/** Builds the app in `buildDir` (a copy of the working tree) unless its build is newer than every source. */
export async function buildApp(opts: { buildDir?: string; rebuild?: boolean; log?: (line: string) => void } = {}): Promise<string> {
  const buildDir = opts.buildDir ?? DEFAULT_BUILD_DIR;
  const log = opts.log ?? console.log;
  if (!opts.rebuild && !needsBuild({ root: projectRoot, buildDir })) {
    log(`Reusing the build in ${buildDir}`);
    return buildDir;
  }
  log(`Building the app in ${buildDir} (a few minutes)…`);
  await fs.rm(buildDir, { recursive: true, force: true });
  await fs.mkdir(buildDir, { recursive: true });
  for (const entry of await fs.readdir(projectRoot)) {
    if (NOT_COPIED.has(entry)) continue;
    await fs.cp(path.join(projectRoot, entry), path.join(buildDir, entry), { recursive: true });
  }
  // Hard links: quick, and the copy resolves its own node_modules.
  execFileSync("cp", ["-al", path.join(projectRoot, "node_modules"), path.join(buildDir, "node_modules")]);
  execFileSync(process.execPath, [nextBinIn(buildDir), "build"], { cwd: buildDir, stdio: ["ignore", "ignore", "inherit"], env: nextEnv() });
  return buildDir;
}

export type ClusterNode = {
  name: string;
  port: number;
  url: string;
  /** Everything the server printed, for a failure message. */
  output: () => string;
  isRunning: () => boolean;
  /** Sends `signal` (SIGTERM: graceful, SIGKILL: a crash) and waits for the process to end. */
  stop: (signal?: NodeJS.Signals) => Promise<void>;
  /** Starts it again on the same port; resolves once it is ready. */
  restart: () => Promise<void>;
  pid: () => number | undefined;
};

export type Cluster = {
  /** The load balancer's URL: what clients use. */
  url: string;
  nodes: ClusterNode[];
  /** Stops the load balancer and every node. */
  stop: () => Promise<void>;
};

export type ClusterOptions = {
  databaseUrl: string;
  nodes: number;
  /** The load balancer's port; a free one when unset. */
  port?: number;
  buildDir?: string;
  /** Connections per node (DATABASE_POOL_SIZE). */
  poolSize?: number;
  /** More environment for every node (e.g. schedules turned off). */
  env?: Record<string, string>;
  /** HAProxy in front (the default); without it `url` is the first node's (a bench's single node). */
  loadBalancer?: boolean;
  log?: (line: string) => void;
};

async function waitFor(what: string, check: () => Promise<boolean>, opts: { timeoutMs: number; failed?: () => string | null }): Promise<void> {
  const deadline = Date.now() + opts.timeoutMs;
  for (;;) {
    if (await check().catch(() => false)) return;
    const failure = opts.failed?.();
    if (failure !== null && failure !== undefined) throw new Error(`${what}: ${failure}`);
    if (Date.now() > deadline) throw new Error(`${what}: not within ${opts.timeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** The node's heap cap as `npm start` sets it: SERVER_HEAP_MB of its environment (server/config.ts). */
const heapMbOf = (env: Record<string, string>) => parseConfig({ ...process.env, ...env }).SERVER_HEAP_MB;

/** Longer than every idle timeout of the load balancer below (timeout server 60 s). */
const KEEP_ALIVE_MS = 65_000;

const answers = (url: string, status = 200) => async () => (await fetch(url, { signal: AbortSignal.timeout(2_000) })).status === status;

function startNode(opts: { name: string; buildDir: string; port: number; env: Record<string, string> }): { node: ClusterNode; ready: () => Promise<void> } {
  const url = `http://127.0.0.1:${opts.port}`;
  let child: ChildProcess | null = null;
  let output = "";
  const spawnServer = () => {
    output = "";
    // Idle keep-alive connections outlive HAProxy's (Next.js closes them after 5 s otherwise): a node
    // that closes one just as HAProxy reuses it for a POST makes HAProxy drop the client's connection.
    const args = ["start", "-p", String(opts.port), "-H", "127.0.0.1", "--keepAliveTimeout", String(KEEP_ALIVE_MS)];
    const server = spawn(process.execPath, [`--max-old-space-size=${heapMbOf(opts.env)}`, nextBinIn(opts.buildDir), ...args], {
      cwd: opts.buildDir,
      env: nextEnv({ ...opts.env, PORT: String(opts.port) }),
      stdio: ["ignore", "pipe", "pipe"],
    });
    server.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
    server.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child = server;
  };
  const isRunning = () => child !== null && child.exitCode === null && child.signalCode === null;
  const ready = () =>
    waitFor(`${opts.name} (${url}) did not become ready`, answers(`${url}/api/ready`), {
      timeoutMs: 90_000,
      failed: () => (isRunning() ? null : `it exited:\n${output}`),
    });
  const node: ClusterNode = {
    name: opts.name,
    port: opts.port,
    url,
    output: () => output,
    isRunning,
    pid: () => child?.pid,
    async stop(signal = "SIGTERM") {
      if (!child || !isRunning()) return;
      const exited = once(child, "exit");
      child.kill(signal);
      await exited;
    },
    async restart() {
      await node.stop();
      spawnServer();
      await ready();
    },
  };
  spawnServer();
  return { node, ready };
}

/** A 503 in the shape a tRPC client reads, for when no node is ready (database down, all nodes gone). */
const NO_NODE_BODY = JSON.stringify({
  error: { json: { message: "The service is not reachable right now. Please try again in a moment.", code: -32012, data: { code: "SERVICE_UNAVAILABLE", httpStatus: 503 } } },
});

function haproxyConfig(opts: { port: number; nodes: ClusterNode[]; errorFile: string }): string {
  return [
    "global",
    "  maxconn 4096",
    "defaults",
    "  mode http",
    "  timeout connect 2s",
    "  timeout client 60s",
    "  timeout server 60s",
    "  timeout http-keep-alive 10s",
    // A connection refused by a node that just died is sent to another (the request never reached it).
    "  retries 3",
    "  option redispatch 1",
    "  option forwardfor",
    `  errorfile 503 ${opts.errorFile}`,
    "frontend creditdesk",
    `  bind 127.0.0.1:${opts.port}`,
    "  default_backend nodes",
    "backend nodes",
    "  balance roundrobin",
    "  option httpchk GET /api/ready",
    "  http-check expect status 200",
    // A node answers /api/ready within its 2 s database timeout even when busy (the probe has its
    // own connection); checked every second, out after 3 failures in a row, back after 1 success.
    "  timeout check 4s",
    "  default-server inter 1s fall 3 rise 1",
    ...opts.nodes.map((node) => `  server ${node.name} 127.0.0.1:${node.port} check`),
    "",
  ].join("\n");
}

async function startLoadBalancer(opts: { port: number; nodes: ClusterNode[] }): Promise<{ stop: () => Promise<void> }> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "creditdesk-haproxy-"));
  const errorFile = path.join(dir, "503.http");
  await fs.writeFile(
    errorFile,
    [
      "HTTP/1.1 503 Service Unavailable",
      "Content-Type: application/json",
      "Cache-Control: no-store",
      "Retry-After: 2",
      "Connection: close",
      `Content-Length: ${Buffer.byteLength(NO_NODE_BODY)}`,
      "",
      NO_NODE_BODY,
    ].join("\r\n"),
  );
  const configFile = path.join(dir, "haproxy.cfg");
  await fs.writeFile(configFile, haproxyConfig({ port: opts.port, nodes: opts.nodes, errorFile }));
  execFileSync("haproxy", ["-c", "-q", "-f", configFile], { stdio: ["ignore", "ignore", "inherit"] });
  let output = "";
  const lb = spawn("haproxy", ["-db", "-f", configFile], { stdio: ["ignore", "pipe", "pipe"] });
  lb.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  lb.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const url = `http://127.0.0.1:${opts.port}`;
  await waitFor("HAProxy did not start", answers(`${url}/api/ready`), {
    timeoutMs: 15_000,
    failed: () => (lb.exitCode === null ? null : `it exited:\n${output}`),
  });
  return {
    async stop() {
      if (lb.exitCode === null && lb.signalCode === null) {
        const exited = once(lb, "exit");
        lb.kill("SIGTERM");
        await exited;
      }
      await fs.rm(dir, { recursive: true, force: true });
    },
  };
}

/** Starts `nodes` servers on the built app and HAProxy in front; the database must be migrated. */
export async function startCluster(opts: ClusterOptions): Promise<Cluster> {
  const withLoadBalancer = opts.loadBalancer ?? true;
  if (withLoadBalancer) requireHaproxy();
  const databaseUrl = requirePostgresUrl(opts.databaseUrl);
  const buildDir = opts.buildDir ?? DEFAULT_BUILD_DIR;
  const lbPort = opts.port ?? (await freePort());
  const lbUrl = `http://127.0.0.1:${lbPort}`;
  const env = {
    NODE_ENV: "production",
    DATABASE_URL: databaseUrl,
    DATABASE_POOL_SIZE: String(opts.poolSize ?? 10),
    // Every node signs and reads the same session cookies, for the one public URL.
    NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET ?? randomBytes(32).toString("base64url"),
    NEXTAUTH_URL: process.env.NEXTAUTH_URL ?? lbUrl,
    ...opts.env,
  };
  const started: ReturnType<typeof startNode>[] = [];
  const nodes = () => started.map((s) => s.node);
  const stopAll = async () => {
    await Promise.all(nodes().map((node) => node.stop()));
  };
  try {
    for (let i = 1; i <= opts.nodes; i++) {
      started.push(startNode({ name: `node${i}`, buildDir, port: await freePort(), env }));
    }
    await Promise.all(started.map((s) => s.ready()));
    const lb = withLoadBalancer ? await startLoadBalancer({ port: lbPort, nodes: nodes() }) : null;
    return {
      url: lb ? lbUrl : nodes()[0]!.url,
      nodes: nodes(),
      async stop() {
        await lb?.stop();
        await stopAll();
      },
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

/** Resident memory of a process in bytes (Linux /proc), or null once it has ended. */
export async function rssOf(pid: number | undefined): Promise<number | null> {
  if (!pid) return null;
  try {
    const status = await fs.readFile(`/proc/${pid}/status`, "utf8");
    const kb = /VmRSS:\s+(\d+) kB/.exec(status)?.[1];
    return kb ? Number(kb) * 1024 : null;
  } catch {
    return null;
  }
}

/** The process and all its descendants (Linux /proc), e.g. a server and any child it spawned. */
async function processTree(pid: number): Promise<number[]> {
  const children: number[] = [];
  const tasks = await fs.readdir(`/proc/${pid}/task`).catch(() => [] as string[]);
  for (const task of tasks) {
    const text = await fs.readFile(`/proc/${pid}/task/${task}/children`, "utf8").catch(() => "");
    children.push(...text.split(" ").filter(Boolean).map(Number));
  }
  const below = await Promise.all(children.map(processTree));
  return [pid, ...below.flat()];
}

/** Resident memory of a process and all its descendants in bytes, or null once it has ended. */
export async function rssOfTree(pid: number | undefined): Promise<number | null> {
  if (!pid) return null;
  const sizes = await Promise.all((await processTree(pid)).map((p) => rssOf(p)));
  return sizes[0] === null ? null : sizes.reduce<number>((sum, size) => sum + (size ?? 0), 0);
}

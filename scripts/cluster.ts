// `npm run cluster -- --nodes 2 [--port 8080] [--rebuild]`: several production servers on the one
// PostgreSQL of DATABASE_URL behind HAProxy, the way a store that outgrows one box runs
// Creditdesk. Migrates (and on first run seeds) the database, builds once (or reuses a fresh
// build), prints the load balancer's and each node's URL, and runs until Ctrl+C.
import { parseArgs } from "node:util";
import { config } from "@/server/config";
import { DEFAULT_BUILD_DIR, buildApp, requireHaproxy, requirePostgresUrl, startCluster } from "./lib/cluster";
import { ensureGenerated } from "./lib/ensure-generated";

const { values: args } = parseArgs({
  options: {
    nodes: { type: "string", default: "2" },
    port: { type: "string", default: "8080" },
    rebuild: { type: "boolean", default: false },
  },
});

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

const nodeCount = Number(args.nodes);
if (!Number.isInteger(nodeCount) || nodeCount < 1 || nodeCount > 16) fail("--nodes must be a whole number from 1 to 16");
const port = Number(args.port);
if (!Number.isInteger(port) || port < 1 || port > 65535) fail("--port must be a port number");
let databaseUrl: string;
try {
  requireHaproxy();
  databaseUrl = requirePostgresUrl(config().DATABASE_URL);
} catch (error) {
  fail(error instanceof Error ? error.message : String(error));
}

ensureGenerated();
const { prepareDatabase } = await import("./lib/prepare-database");
const { demoLoginLines } = await import("@/prisma/seed/demo-staff");
await prepareDatabase({ seed: true });
await buildApp({ buildDir: DEFAULT_BUILD_DIR, rebuild: args.rebuild });
const cluster = await startCluster({ databaseUrl, nodes: nodeCount, port, poolSize: config().DATABASE_POOL_SIZE });

console.log(`\nCreditdesk on ${nodeCount} node(s) behind HAProxy (round-robin, health checks on /api/ready):`);
console.log(`  load balancer  ${cluster.url}`);
for (const node of cluster.nodes) console.log(`  ${node.name.padEnd(13)}  ${node.url}`);
console.log(`Each node holds up to DATABASE_POOL_SIZE=${config().DATABASE_POOL_SIZE} connections.\nDemo sign-ins:`);
for (const line of demoLoginLines()) console.log(line);
console.log("Ctrl+C stops the load balancer and the nodes (each drains its requests in flight).");

let isStopping = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    if (isStopping) return;
    isStopping = true;
    void cluster.stop().then(() => process.exit(0));
  });
}

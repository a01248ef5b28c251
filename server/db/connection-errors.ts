// Whether an error means "the database cannot be reached right now" (restarting, shutting down,
// connection refused or cut) rather than a bug: such a call is answered 503, retryable, and the
// pool reconnects by itself once PostgreSQL is back.

/** Node's socket errors for a server that is down or went away. */
const SOCKET_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "EPIPE", "ETIMEDOUT", "EHOSTUNREACH", "ENETUNREACH", "ENOTFOUND", "EAI_AGAIN"]);

/**
 * PostgreSQL SQLSTATEs: 57P01 admin shutdown (a restart ends every session), 57P02 crash
 * shutdown, 57P03 cannot connect now (starting up or shutting down), 53300 too many connections;
 * class 08 is "connection exception".
 */
const isUnavailableSqlState = (code: string) => code === "57P01" || code === "57P02" || code === "57P03" || code === "53300" || /^08[0-9A-Z]{3}$/.test(code);

/** Prisma's own codes: P1001 can't reach, P1002 timed out, P1017 server closed the connection, P2024 no pool connection in time. */
const PRISMA_CODES = new Set(["P1001", "P1002", "P1017", "P2024"]);

/** Prisma's driver-adapter error kinds (@prisma/driver-adapter-utils) that mean the same. */
const ADAPTER_KINDS = new Set(["DatabaseNotReachable", "ConnectionClosed", "SocketTimeout", "TooManyConnections"]);

/** node-postgres throws these without a code when a connection is cut or a pool slot never frees. */
const PG_MESSAGES = [/^Connection terminated/, /timeout exceeded when trying to connect/, /Client has encountered a connection error/, /^Connection closed/];

type Inspectable = { code?: unknown; kind?: unknown; message?: unknown; cause?: unknown; meta?: unknown; originalCode?: unknown };

function matchesOne(value: Inspectable): boolean {
  if (typeof value.code === "string" && (SOCKET_CODES.has(value.code) || PRISMA_CODES.has(value.code) || isUnavailableSqlState(value.code))) return true;
  if (typeof value.originalCode === "string" && isUnavailableSqlState(value.originalCode)) return true;
  if (typeof value.kind === "string" && ADAPTER_KINDS.has(value.kind)) return true;
  return typeof value.message === "string" && PG_MESSAGES.some((pattern) => pattern.test(value.message as string));
}

/** Walks the error, its causes and Prisma's meta (driverAdapterError), a few levels deep. */
export function isDatabaseUnavailable(error: unknown): boolean {
  const seen = new Set<unknown>();
  const queue: unknown[] = [error];
  while (queue.length > 0 && seen.size < 20) {
    const value = queue.shift();
    if (value === null || typeof value !== "object" || seen.has(value)) continue;
    seen.add(value);
    const inspectable = value as Inspectable;
    if (matchesOne(inspectable)) return true;
    queue.push(inspectable.cause);
    if (inspectable.meta && typeof inspectable.meta === "object") queue.push(...Object.values(inspectable.meta));
    if (value instanceof AggregateError) queue.push(...value.errors);
  }
  return false;
}

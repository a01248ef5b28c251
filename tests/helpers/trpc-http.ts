import superjson from "superjson";
import type { Db } from "@/server/db/client";
import { handleTRPCRequest } from "@/server/trpc/http-handler";
import { sessionFor } from "@/tests/factories/staff";
import { recordMutationCall } from "@/tests/audit-coverage/record-mutation-calls";

export type HttpAnswer = { status: number; body: unknown };

/** The error a tRPC answer carries (superjson-wrapped), as a client's link would read it. */
export type HttpErrorShape = {
  message: string;
  code: number;
  data: { code: string; httpStatus: number; path?: string; fieldErrors: Record<string, string[]>; appCode: string | null } & Record<string, unknown>;
} & Record<string, unknown>;

type HttpCall = {
  /** Procedure path, e.g. "credits.issue"; comma-separated with `batch` for a batch. */
  path: string;
  type: "query" | "mutation";
  input?: unknown;
  /** A raw request body instead of the serialized input (mutations only). */
  rawBody?: BodyInit;
  headers?: Record<string, string>;
  batch?: boolean;
};

/**
 * Calls procedures through the same HTTP handler as `app/api/trpc/[trpc]/route.ts`, as the staff
 * member `staffId` (null: signed out), and returns the status and the parsed JSON body.
 */
export async function callOverHttp(db: Db, staffId: string | null, request: HttpCall): Promise<HttpAnswer> {
  const url = new URL(`http://localhost/api/trpc/${request.path}`);
  if (request.batch) url.searchParams.set("batch", "1");
  const serialized = request.input === undefined ? undefined : JSON.stringify(superjson.serialize(request.input));
  let init: RequestInit;
  if (request.type === "query") {
    if (serialized !== undefined) url.searchParams.set("input", serialized);
    init = { method: "GET", headers: request.headers };
  } else {
    init = {
      method: "POST",
      headers: { "content-type": "application/json", ...request.headers },
      body: request.rawBody ?? serialized,
      ...(request.rawBody instanceof ReadableStream ? { duplex: "half" } : {}),
    } as RequestInit;
  }
  const response = await handleTRPCRequest(new Request(url, init), { session: async () => (staffId ? sessionFor(db, staffId) : null), db });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON: keep the text so the assertion shows it
  }
  if (staffId && request.type === "mutation") recordSuccesses(request, staffId, body);
  return { status: response.status, body };
}

/** Successful mutations, for the after-suite audit coverage check (a batch answers one entry per call). */
function recordSuccesses(request: HttpCall, staffId: string, body: unknown) {
  const paths = request.path.split(",");
  const answers = request.batch ? (Array.isArray(body) ? body : []) : [body];
  paths.forEach((path, i) => {
    const answer = answers[i] as { result?: unknown } | undefined;
    if (answer && typeof answer === "object" && "result" in answer) recordMutationCall({ path, staffId });
  });
}

/** The error of a single (non-batch) answer, unwrapped from superjson; null when it succeeded. */
export function errorOf(answer: HttpAnswer): HttpErrorShape | null {
  const error = (answer.body as { error?: { json?: HttpErrorShape } } | null)?.error;
  return error?.json ?? null;
}

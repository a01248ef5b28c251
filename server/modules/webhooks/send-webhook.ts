// One signed POST of a webhook (Standard Webhooks: webhook-id, webhook-timestamp,
// webhook-signature = v1,base64(HMAC-SHA256(secret, "id.timestamp.body")), via the
// `standardwebhooks` package). Never inside a transaction: the delivery job calls it after the
// event committed, with a hard timeout, so a receiver that never answers holds up nothing else.
import http from "node:http";
import https from "node:https";
import { randomBytes } from "node:crypto";
import { isIP } from "node:net";
import { Webhook } from "standardwebhooks";
import { guardedLookup, publicAddressesOf } from "./address-guard";
import type { AttemptOutcome } from "./webhooks.repo";

/** A new signing secret in Standard Webhooks' format: whsec_ + base64 of 24 random bytes. */
export const newWebhookSecret = () => `whsec_${randomBytes(24).toString("base64")}`;

export type WebhookRequest = { url: string; secret: string; messageId: string; payload: string; timestamp: Date };

/** The headers of one try: a fresh timestamp each time, the same id on every try of one event. */
export function signedHeaders(req: Omit<WebhookRequest, "url">): Record<string, string> {
  return {
    "content-type": "application/json",
    "user-agent": "Creditdesk-Webhooks/1",
    "webhook-id": req.messageId,
    "webhook-timestamp": String(Math.floor(req.timestamp.getTime() / 1000)),
    "webhook-signature": new Webhook(req.secret).sign(req.messageId, req.timestamp, req.payload),
  };
}

/** The most of an answer's body read (and thrown away): receivers should answer quickly and briefly. */
const MAX_BODY_BYTES = 64 * 1024;
const LONGEST_ERROR = 500;

/**
 * Sends one try and says what happened (never throws): the status code and time on an answer,
 * the error otherwise (timeout, refused connection, a private address).
 */
export async function sendWebhook(req: WebhookRequest, opts: { timeoutMs: number; allowPrivate: boolean }): Promise<AttemptOutcome> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  try {
    const url = new URL(req.url);
    // An IP literal never goes through `lookup`, so it is checked here; names are checked there.
    if (isIP(url.hostname.replace(/^\[|\]$/g, ""))) await publicAddressesOf(url.hostname, opts);
    const responseCode = await post(url, signedHeaders({ ...req }), req.payload, opts);
    const isSuccess = responseCode >= 200 && responseCode < 300;
    return { responseCode, responseMs: elapsed(), error: isSuccess ? null : `The endpoint answered ${responseCode}` };
  } catch (error) {
    return { responseCode: null, responseMs: elapsed(), error: errorText(error) };
  }
}

function post(url: URL, headers: Record<string, string>, body: string, opts: { timeoutMs: number; allowPrivate: boolean }): Promise<number> {
  return new Promise((resolve, reject) => {
    const client = url.protocol === "https:" ? https : http;
    const request = client.request(
      url,
      { method: "POST", headers: { ...headers, "content-length": String(Buffer.byteLength(body)) }, lookup: guardedLookup(opts), agent: false },
      (response) => {
        let read = 0;
        response.on("data", (chunk: Buffer) => {
          read += chunk.length;
          if (read > MAX_BODY_BYTES) response.destroy();
        });
        response.on("end", () => resolve(response.statusCode ?? 0));
        response.on("close", () => resolve(response.statusCode ?? 0));
        response.on("error", () => resolve(response.statusCode ?? 0));
      },
    );
    // One deadline for connecting, sending and the answer.
    const timer = setTimeout(() => request.destroy(new Error(`The endpoint did not answer within ${opts.timeoutMs} ms`)), opts.timeoutMs);
    request.on("error", reject);
    request.on("close", () => clearTimeout(timer));
    request.end(body);
  });
}

function errorText(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.length > LONGEST_ERROR ? `${text.slice(0, LONGEST_ERROR - 1)}…` : text;
}

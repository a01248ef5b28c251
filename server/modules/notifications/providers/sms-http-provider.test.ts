import { once } from "node:events";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { smsHttpProvider } from "./sms-http-provider";

type Received = { method?: string; authorization?: string; contentType?: string; body: unknown };

let server: Server | undefined;
afterEach(async () => {
  server?.closeAllConnections();
  server?.close();
  server = undefined;
});

/** A real HTTP server standing in for the SMS gateway; `answer` decides the reply. */
async function gateway(answer: (res: ServerResponse) => void) {
  const received: Received[] = [];
  server = createServer((req: IncomingMessage, res) => {
    let text = "";
    req.on("data", (chunk: Buffer) => (text += chunk.toString()));
    req.on("end", () => {
      received.push({ method: req.method, authorization: req.headers.authorization, contentType: req.headers["content-type"], body: JSON.parse(text) });
      answer(res);
    });
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/messages`, received };
}

const message = { id: "0190a3c4-0000-7000-8000-000000000001", channel: "SMS" as const, kind: "refund.processed", recipient: "+15551234567", body: "Your refund of $25.00 has been processed." };

describe("SMS over HTTP", () => {
  it("posts the number, the text and the notification id as JSON with the bearer token", async () => {
    const { url, received } = await gateway((res) => res.writeHead(202, { "content-type": "application/json" }).end(JSON.stringify({ id: "sms_81" })));
    const result = await smsHttpProvider({ url, token: "secret-token" }).send(message);
    expect(result).toEqual({ providerRef: "sms_81" });
    expect(received).toEqual([
      {
        method: "POST",
        authorization: "Bearer secret-token",
        contentType: "application/json",
        body: { to: "+15551234567", body: "Your refund of $25.00 has been processed.", reference: message.id },
      },
    ]);
  });

  it("sends no Authorization header without a token, and accepts an empty answer", async () => {
    const { url, received } = await gateway((res) => res.writeHead(204).end());
    expect(await smsHttpProvider({ url }).send(message)).toEqual({ providerRef: undefined });
    expect(received[0]?.authorization).toBeUndefined();
  });

  it("fails with the status when the gateway refuses", async () => {
    const { url } = await gateway((res) => res.writeHead(422, "Unprocessable Entity").end());
    await expect(smsHttpProvider({ url }).send(message)).rejects.toThrow("The SMS gateway refused the message: 422 Unprocessable Entity");
  });

  it("gives up on a gateway that does not answer in time", async () => {
    const { url } = await gateway(() => {});
    await expect(smsHttpProvider({ url, timeoutMs: 200 }).send(message)).rejects.toThrow("The SMS gateway did not answer within 0.2 s");
  });

  it("fails when the gateway cannot be reached", async () => {
    const { url } = await gateway(() => {});
    server?.close();
    await once(server!, "close");
    await expect(smsHttpProvider({ url }).send(message)).rejects.toThrow("The SMS gateway could not be reached: fetch failed (ECONNREFUSED)");
  });
});

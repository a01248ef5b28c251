// A real HTTP receiver for webhook tests, on 127.0.0.1 (so tests set WEBHOOKS_ALLOW_PRIVATE=1):
// it records every request and answers with the status its script says, or never answers.
import http from "node:http";
import type { AddressInfo } from "node:net";

export type ReceivedWebhook = { headers: Record<string, string>; body: string; answered: number | "hung" };

export type WebhookReceiver = {
  url: string;
  received: ReceivedWebhook[];
  /** The status of the next answers, in order; "hang" never answers; after the script: 200. */
  script: (number | "hang")[];
  close: () => Promise<void>;
};

/**
 * `script`: the answers to the next requests, in order. `answerFor`, when given, decides instead:
 * it gets the request's try number for its webhook-id (1 for the first).
 */
export async function startWebhookReceiver(
  script: (number | "hang")[] = [],
  answerFor?: (request: { headers: Record<string, string>; body: string; tryNumber: number }) => number | "hang",
): Promise<WebhookReceiver> {
  const tries = new Map<string, number>();
  const hung = new Set<http.ServerResponse>();
  const receiver: Omit<WebhookReceiver, "url" | "close"> = { received: [], script: [...script] };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const headers = Object.fromEntries(Object.entries(req.headers).map(([name, value]) => [name, String(value)]));
      const body = Buffer.concat(chunks).toString("utf8");
      const tryNumber = (tries.get(headers["webhook-id"] ?? "") ?? 0) + 1;
      tries.set(headers["webhook-id"] ?? "", tryNumber);
      const answer = answerFor ? answerFor({ headers, body, tryNumber }) : (receiver.script.shift() ?? 200);
      receiver.received.push({ headers, body, answered: answer === "hang" ? "hung" : answer });
      if (answer === "hang") {
        hung.add(res);
        return;
      }
      res.writeHead(answer, { "content-type": "text/plain" }).end(answer < 300 ? "ok" : "not now");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(receiver, {
    url: `http://127.0.0.1:${port}/hooks`,
    close: async () => {
      for (const res of hung) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  }) as WebhookReceiver;
}

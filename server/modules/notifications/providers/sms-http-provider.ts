import { PROVIDER_TIMEOUT_MS, type NotificationProvider } from "./notification-provider";

type SmsHttpOptions = { url: string; token?: string; timeoutMs?: number };

/**
 * SMS through any HTTP gateway that takes `POST { to, body, reference }` as JSON (a thin adapter
 * or the vendor's own API). `reference` is the notification id, for the gateway to drop repeats.
 */
export function smsHttpProvider({ url, token, timeoutMs = PROVIDER_TIMEOUT_MS }: SmsHttpOptions): NotificationProvider {
  return {
    name: "sms-http",
    send: async ({ id, recipient, body }) => {
      let response: Response;
      try {
        response = await fetch(url, {
          method: "POST",
          headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
          body: JSON.stringify({ to: recipient, body, reference: id }),
          signal: AbortSignal.timeout(timeoutMs),
        });
      } catch (error) {
        if (error instanceof Error && error.name === "TimeoutError") throw new Error(`The SMS gateway did not answer within ${timeoutMs / 1000} s`);
        throw new Error(`The SMS gateway could not be reached: ${reasonOf(error)}`);
      }
      if (!response.ok) {
        throw new Error(`The SMS gateway refused the message: ${response.status} ${response.statusText}`.trim());
      }
      return { providerRef: await providerRefOf(response) };
    },
  };
}

/** The gateway's own message id, when its answer has one. */
async function providerRefOf(response: Response): Promise<string | undefined> {
  try {
    const answer: unknown = await response.json();
    if (answer && typeof answer === "object" && "id" in answer && typeof answer.id === "string") return answer.id;
  } catch {
    // An empty or non-JSON 2xx is still an accepted message.
  }
  return undefined;
}

/** fetch's own message is just "fetch failed"; the cause says why (ECONNREFUSED, ENOTFOUND…). */
function reasonOf(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause: unknown = error.cause;
  if (cause && typeof cause === "object" && "code" in cause && typeof cause.code === "string") return `${error.message} (${cause.code})`;
  return error.message;
}

import type { NotificationProvider } from "./notification-provider";

/** For channels with no provider configured (the demo, development): prints the message instead. */
export function logProvider(print: (line: string) => void = console.log): NotificationProvider {
  return {
    name: "log",
    send: async ({ id, channel, recipient, body }) => {
      print(`[notification ${id}] ${channel} to ${recipient}: ${body}`);
      return {};
    },
  };
}

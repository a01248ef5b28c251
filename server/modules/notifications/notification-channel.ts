// Client-safe: the refund dialog says where the message will go by the same rule the outbox uses.

export type NotificationRecipient = { customerId: string; email: string; phone: string | null };

/** SMS when the customer has a phone number, else email. */
export function channelFor(recipient: Pick<NotificationRecipient, "email" | "phone">) {
  return recipient.phone ? { channel: "SMS" as const, address: recipient.phone } : { channel: "EMAIL" as const, address: recipient.email };
}

/**
 * The one hint beside every "Notify customer" box (add credit, send credits, refund), by the same
 * rule: "By SMS to +1 555 010 2030", "By email to ann@shop.test" when there is no phone number,
 * and the rule itself while no customer is chosen yet.
 */
export function notifyHint(recipient: Pick<NotificationRecipient, "email" | "phone"> | null): string {
  if (!recipient) return "By SMS to the customer's phone number, else by email";
  const { channel, address } = channelFor(recipient);
  return channel === "SMS" ? `By SMS to ${address}, else email` : `By email to ${address} (no phone number)`;
}

import type { PaymentMethodKind } from "@/prisma/generated/enums";

export type PaymentMethodParts = {
  methodKind: PaymentMethodKind;
  cardBrand: string | null;
  cardLast4: string | null;
  methodName?: string | null;
};

const KIND_LABELS: Record<PaymentMethodKind, string> = {
  CARD: "Card",
  PAYPAL: "PayPal",
  BANK_TRANSFER: "Bank transfer",
  STORE_CREDIT: "Store credit",
  MANUAL: "Manual",
  CASH: "Cash",
};

/** "Visa •••• 4242", "PayPal", "Bank transfer (Wire transfer)". Client-safe. */
export function paymentMethodLabel(p: PaymentMethodParts): string {
  if (p.methodKind === "CARD") return `${p.cardBrand ?? "Card"}${p.cardLast4 ? ` •••• ${p.cardLast4}` : ""}`;
  const kind = KIND_LABELS[p.methodKind];
  return p.methodName && p.methodName !== kind ? `${kind} (${p.methodName})` : kind;
}

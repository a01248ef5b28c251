import { formatMoney } from "@/server/lib/money";

/** The customer's SMS/email text for a refund that went through. Short and plain. */
export function refundProcessedMessage(opts: { amountMinor: bigint; currency: string; destination: string; isStoreCredit: boolean }): string {
  const amount = formatMoney(opts.amountMinor, opts.currency);
  return opts.isStoreCredit
    ? `Your refund of ${amount} has been added to your store credit.`
    : `Your refund of ${amount} to ${opts.destination} has been processed.`;
}

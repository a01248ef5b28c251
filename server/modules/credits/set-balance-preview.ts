import type { ServiceContext } from "@/server/lib/service-context";
import { AppError } from "@/server/lib/app-error";
import { formatMoney } from "@/server/lib/money";
import { categoryNamesOf, openCredits, remainingOf, storedBalanceOf } from "./credits.repo";
import type { SetBalancePreviewInput } from "./credits.schema";
import { planBalanceChange } from "./set-balance";
import { assertUnchangedSinceShown } from "./unchanged-since-shown";

export type SetBalancePreview = {
  customerId: string;
  currency: string;
  /** The stored balance, as the page showed it (checked against expectedBalance). */
  shownBalanceMinor: bigint;
  /** What the change starts from: the shown balance less credits past their expiry, which the save closes first. */
  fromMinor: bigint;
  toMinor: bigint;
  expiredMinor: bigint;
  change:
    | { kind: "raise"; amountMinor: bigint; categoryName: string }
    | { kind: "lower"; amountMinor: bigint; credits: { creditId: string; categoryName: string; createdAt: Date; takenMinor: bigint; leftMinor: bigint }[] };
  /** "Lower USD balance from $80.00 to $50.00: takes $30.00 from 2 credits, newest first". */
  summary: string;
};

/**
 * What setting this balance would do, read without locking or writing anything: the same plan
 * setBalance follows (planBalanceChange), so the confirmation names the credits the save touches.
 * Refuses what the save would refuse for the same input (a stale page, already that balance, a
 * raise in a currency turned off), on the same field.
 */
export async function previewSetBalance({ db }: ServiceContext, input: SetBalancePreviewInput): Promise<SetBalancePreview> {
  const key = { customerId: input.customerId, currency: input.currency };
  const now = new Date();
  // Plain reads: a change landing between them is caught by the save, which checks everything again under its locks.
  return db.$transaction(async (tx) => {
    const stored = await storedBalanceOf(tx, key);
    if (!stored.hasCustomer) throw new AppError("NOT_FOUND", "No customer with this id", "customerId");
    if (!stored.hasCurrency) throw new AppError("BAD_INPUT", `${input.currency} is not a currency this store accepts`, "currency");
    const shown = stored.balanceMinor ?? 0n;
    assertUnchangedSinceShown({ what: "balance", field: "balance", shownMinor: input.expectedBalanceMinor, currentMinor: shown, currency: input.currency });
    // The balance is the sum of the credits' unused amounts, so what is left once expired
    // credits are closed is the sum over the credits still open.
    const from = (await openCredits(tx, key, "newestFirst", now, { forUpdate: false })).reduce((sum, credit) => sum + remainingOf(credit), 0n);
    const plan = await planBalanceChange(tx, key, { previousMinor: from, targetMinor: input.balanceMinor, now, forUpdate: false });
    const fmt = (minor: bigint) => formatMoney(minor, input.currency);
    const base = { ...key, shownBalanceMinor: shown, fromMinor: from, toMinor: input.balanceMinor, expiredMinor: shown - from };
    const expiredNote = shown > from ? ` First closes ${fmt(shown - from)} of expired credit.` : "";
    if (plan.kind === "raise") {
      return {
        ...base,
        change: { kind: "raise", amountMinor: plan.amountMinor, categoryName: plan.category.name },
        summary: `Raise ${input.currency} balance from ${fmt(from)} to ${fmt(input.balanceMinor)}: adds a ${fmt(plan.amountMinor)} ${plan.category.name} credit that never expires.${expiredNote}`,
      };
    }
    const names = await categoryNamesOf(tx, [...new Set(plan.taken.map(({ credit }) => credit.categoryId))]);
    const count = plan.taken.length;
    return {
      ...base,
      change: {
        kind: "lower",
        amountMinor: plan.amountMinor,
        credits: plan.taken.map(({ credit, amountMinor }) => ({
          creditId: credit.id,
          categoryName: names.get(credit.categoryId) ?? "Credit",
          createdAt: credit.createdAt,
          takenMinor: amountMinor,
          leftMinor: remainingOf(credit) - amountMinor,
        })),
      },
      summary:
        `Lower ${input.currency} balance from ${fmt(from)} to ${fmt(input.balanceMinor)}: takes ${fmt(plan.amountMinor)} from ` +
        `${count === 1 ? "1 credit" : `${count} credits, newest first`}.${expiredNote}`,
    };
  });
}

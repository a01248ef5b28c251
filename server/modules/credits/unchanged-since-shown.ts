import { AppError } from "@/server/lib/app-error";
import { formatMoney } from "@/server/lib/money";

type Shown = { what: "balance" | "amount"; field: string; shownMinor: bigint; currentMinor: bigint; currency: string };

/**
 * A form sends the value it showed; called under the row's lock, this refuses the change when that
 * value is no longer current, so a stale page never silently undoes another agent's change.
 */
export function assertUnchangedSinceShown({ what, field, shownMinor, currentMinor, currency }: Shown): void {
  if (shownMinor === currentMinor) return;
  throw new AppError(
    "CONFLICT",
    `The ${what} changed from ${formatMoney(shownMinor, currency)} to ${formatMoney(currentMinor, currency)} since you opened this; check and save again`,
    field,
  );
}

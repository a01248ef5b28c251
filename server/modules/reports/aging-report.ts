// Aging of the outstanding balance: by how long ago each credit was issued and by when it expires.
import "server-only";
import type { Db } from "@/server/db/client";
import { agingAt, agingNow, EXPIRY_BUCKETS, ISSUE_AGE_BUCKETS, type ExpiryBucket, type IssueAgeBucket } from "./liability.repo";
import type { AgingInput } from "./reports.schema";
import { addUtcDays, isoDay, utcDayStart } from "./utc-days";

export type AgingReport = {
  asOf: Date;
  currencies: string[];
  byIssueAge: { currency: string; bucket: IssueAgeBucket; amountMinor: bigint; creditCount: number }[];
  byExpiry: { currency: string; bucket: ExpiryBucket; amountMinor: bigint; creditCount: number }[];
};

/**
 * Today (or later) reads each credit's remainder, written in the same transaction as its events;
 * a past day sums each credit's events before that day's end. Expiry buckets use today's expiry dates.
 */
export async function getAgingReport(db: Db, input: AgingInput, opts: { now?: Date } = {}): Promise<AgingReport> {
  const now = opts.now ?? new Date();
  const dayEnd = input.asOf ? addUtcDays(utcDayStart(input.asOf), 1) : now;
  const isNow = !input.asOf || input.asOf >= isoDay(now);
  const asOf = isNow ? now : dayEnd;
  const rows = (isNow ? await agingNow(db, asOf.toISOString()) : await agingAt(db, asOf.toISOString())).filter(
    (row) => !input.currency || row.currency === input.currency,
  );
  const currencies = [...new Set(rows.map((row) => row.currency))].sort();
  const total = <B extends string>(buckets: readonly B[], bucketOf: (row: (typeof rows)[number]) => B) =>
    currencies.flatMap((currency) =>
      buckets.map((bucket) => {
        const matching = rows.filter((row) => row.currency === currency && bucketOf(row) === bucket);
        return {
          currency,
          bucket,
          amountMinor: matching.reduce((sum, row) => sum + row.amountMinor, 0n),
          creditCount: matching.reduce((sum, row) => sum + row.creditCount, 0),
        };
      }),
    );
  return { asOf, currencies, byIssueAge: total(ISSUE_AGE_BUCKETS, (row) => row.issueAge), byExpiry: total(EXPIRY_BUCKETS, (row) => row.expiry) };
}

"use client";

import { Button } from "./button";

const LABELS = {
  pages: { first: "First page", next: "Next page" },
  time: { first: "Newest", next: "Older" },
} as const;

/**
 * Paging for keyset lists: back to the first page, or on to the next cursor. `cursor` is the
 * current page's (null on the first); `labels` "time" suits lists read newest first.
 */
export function CursorPager(props: {
  cursor: string | null | undefined;
  nextCursor: string | null;
  onPage: (cursor: string | null) => void;
  labels?: keyof typeof LABELS;
}) {
  const labels = LABELS[props.labels ?? "pages"];
  return (
    <div className="flex justify-end gap-2 px-3 py-2">
      <Button variant="secondary" size="sm" disabled={!props.cursor} onClick={() => props.onPage(null)}>
        {labels.first}
      </Button>
      <Button variant="secondary" size="sm" disabled={!props.nextCursor} onClick={() => props.onPage(props.nextCursor)}>
        {labels.next}
      </Button>
    </div>
  );
}

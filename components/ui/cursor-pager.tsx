"use client";

import { Button } from "./button";

/**
 * The one pager for keyset lists, the same on every page: "First page", "Previous page" (where the
 * list can step back one page) and "Next page", hidden when everything fits on one page. `cursor`
 * is the current page's (null on the first). `total`, where a list knows it cheaply, is shown as
 * "12 pending" beside the buttons (and alone when there is one page).
 */
export function CursorPager(props: {
  cursor: string | null | undefined;
  nextCursor: string | null;
  /** The previous page's cursor, for lists that can step back; null on the second page means the first. */
  prevCursor?: string | null;
  onPage: (cursor: string | null) => void;
  total?: { count: number; noun: string };
}) {
  const isOnePage = !props.cursor && !props.nextCursor;
  const total = props.total ? (
    <p className="mr-auto text-xs text-slate-600" aria-live="polite">
      {props.total.count.toLocaleString("en-GB")} {props.total.noun}
    </p>
  ) : null;
  if (isOnePage) return total ? <div className="flex px-3 py-2">{total}</div> : null;
  const canStepBack = props.prevCursor !== undefined;
  return (
    <div className="flex items-center justify-end gap-2 px-3 py-2">
      {total}
      <Button variant="secondary" size="sm" disabled={!props.cursor} onClick={() => props.onPage(null)}>
        First page
      </Button>
      {canStepBack ? (
        <Button variant="secondary" size="sm" disabled={!props.cursor} onClick={() => props.onPage(props.prevCursor ?? null)}>
          Previous page
        </Button>
      ) : null}
      <Button variant="secondary" size="sm" disabled={!props.nextCursor} onClick={() => props.onPage(props.nextCursor)}>
        Next page
      </Button>
    </div>
  );
}

"use client";
import Link from "next/link";
import { useEffect, useRef, useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { Pencil, Trash2 } from "lucide-react";
import { useTRPC } from "@/components/providers/trpc";
import { Button } from "@/components/ui/button";
import { Card, CardHeader, CardTitle } from "@/components/ui/card";
import { DetailList } from "@/components/ui/detail-list";
import { EmptyState, ErrorState, LoadingRows } from "@/components/ui/states";
import { CreditOperationsTable } from "@/components/credit-operations-table";
import { CreditStatusBadge } from "@/components/credit-status";
import { useDates } from "@/components/format";
import { money } from "@/components/money";
import { DeleteCreditDialog } from "./delete-credit-dialog";
import { EditCreditForm } from "./edit-credit-form";

export function CreditDetail({ customerId, creditId }: { customerId: string; creditId: string }) {
  const { formatDateTime } = useDates();
  const trpc = useTRPC();
  const detail = useQuery(trpc.credits.get.queryOptions({ creditId }));
  // A credit issued by a bulk batch links back to it.
  const batch = useQuery(trpc.bulkCredits.ofCredit.queryOptions({ creditId }));
  const [isEditing, setIsEditing] = useState(false);
  const [isDeleteOpen, setIsDeleteOpen] = useState(false);
  const editButton = useRef<HTMLButtonElement>(null);
  const editForm = useRef<HTMLDivElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  useEditFocus(isEditing, editButton, editForm);

  if (detail.isPending) return <Card><LoadingRows label="Loading store credit" /></Card>;
  if (detail.isError) return <Card><ErrorState title="This store credit could not be loaded">{detail.error.message}</ErrorState></Card>;

  const { credit, operations, can, hasMoreEvents } = detail.data;
  if (credit.customerId !== customerId) return <Card><EmptyState title="This credit belongs to another customer" /></Card>;
  const of = (amountMinor: bigint) => money({ amountMinor, currency: credit.currency });
  const rows: [string, React.ReactNode][] = [
    ["Amount", of(credit.amountMinor)],
    ["Used", of(credit.usedMinor)],
    ["Remaining", of(credit.remainingMinor)],
    ["Status", <CreditStatusBadge key="status" status={credit.status} />],
    ["Category", credit.category.name],
    ["Memo", credit.memo ?? "—"],
    ["Expires", credit.expiresAt ? formatDateTime(credit.expiresAt) : "Never"],
    ["Issued", `${formatDateTime(credit.createdAt)} by ${credit.createdBy?.name ?? "System"}`],
    ...(batch.data
      ? ([
          [
            "Bulk batch",
            <Link key="batch" href={`/credits/bulk/${batch.data.batchId}`} className="text-blue-700 hover:underline">
              {batch.data.fileName}, line {batch.data.line}
            </Link>,
          ],
        ] as [string, React.ReactNode][])
      : []),
    ...(credit.voidedAt
      ? ([["Deleted", `${formatDateTime(credit.voidedAt)} by ${credit.voidedBy?.name ?? "System"}: ${credit.voidReason ?? ""}`]] as [string, string][])
      : []),
  ];

  return (
    <section aria-label="Store credit" className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 ref={heading} tabIndex={-1} className="text-base font-semibold text-slate-900 focus:outline-none">
          Store credit {of(credit.amountMinor)} · {credit.category.name}
        </h2>
        {/* The credit's own actions, labelled, in its own header (apart from the customer's "More actions"). */}
        {can.edit || can.void ? (
          <div role="group" aria-label="Credit actions" className="flex items-center gap-2">
            {can.edit && !isEditing ? (
              <Button ref={editButton} size="sm" variant="secondary" onClick={() => setIsEditing(true)}>
                <Pencil aria-hidden="true" className="h-3.5 w-3.5" />
                Edit
              </Button>
            ) : null}
            {can.void ? (
              <Button size="sm" variant="secondary" className="text-red-700" onClick={() => setIsDeleteOpen(true)}>
                <Trash2 aria-hidden="true" className="h-3.5 w-3.5" />
                Delete
              </Button>
            ) : null}
          </div>
        ) : null}
      </div>
      <Card>
        <CardHeader>
          <CardTitle>{isEditing ? "Edit details" : "Details"}</CardTitle>
        </CardHeader>
        {isEditing ? (
          <div ref={editForm}>
            <EditCreditForm credit={credit} onDone={() => setIsEditing(false)} />
          </div>
        ) : (
          <DetailList rows={rows} labelWidth="8rem" />
        )}
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>History of this credit</CardTitle>
        </CardHeader>
        {operations.length === 0 ? (
          <EmptyState title="No events" />
        ) : (
          <CreditOperationsTable operations={operations} label="Credit events" customerId={customerId} creditId={credit.id} />
        )}
        {hasMoreEvents ? <p className="px-4 py-2 text-xs text-slate-500">Older events are in the customer’s Credit history tab.</p> : null}
      </Card>
      {can.void ? <DeleteCreditDialog
          credit={credit}
          open={isDeleteOpen}
          onOpenChange={setIsDeleteOpen}
          // A deleted credit has no menu to come back to (it can't be deleted twice): the heading takes focus.
          focusAfterDelete={() => heading.current}
        /> : null}
    </section>
  );
}

/** Edit opens the form on its first field; Update or Cancel puts focus back on Edit, not the body. */
function useEditFocus(isEditing: boolean, editButton: React.RefObject<HTMLButtonElement | null>, editForm: React.RefObject<HTMLDivElement | null>) {
  const wasEditing = useRef(isEditing);
  useEffect(() => {
    if (isEditing && !wasEditing.current) editForm.current?.querySelector<HTMLElement>("input, select, textarea")?.focus();
    if (!isEditing && wasEditing.current) editButton.current?.focus();
    wasEditing.current = isEditing;
  }, [isEditing, editButton, editForm]);
}

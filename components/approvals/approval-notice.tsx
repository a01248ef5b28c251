/** The inline "Needs approval: …" line a money dialog shows above its submit button. */
export function ApprovalNotice({ reason }: { reason: string | null }) {
  if (!reason) return null;
  return (
    <p role="status" className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
      Needs approval: {reason}
    </p>
  );
}

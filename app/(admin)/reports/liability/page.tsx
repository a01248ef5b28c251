import type { Metadata } from "next";
import { Suspense } from "react";
import { LoadingRows } from "@/components/ui/states";
import { LiabilityReportView } from "./_components/liability-report-view";

export const metadata: Metadata = { title: "Store-credit liability" };

export default function LiabilityPage() {
  return (
    <Suspense fallback={<LoadingRows label="Loading the liability report" />}>
      <LiabilityReportView />
    </Suspense>
  );
}

import type { Metadata } from "next";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/states";

export const metadata: Metadata = { title: "Credit history" };

export default function CustomerCreditHistoryPage() {
  return (
    <Card>
      <EmptyState title="No credit history">Every change to this customer’s store credit will be listed here, newest first.</EmptyState>
    </Card>
  );
}

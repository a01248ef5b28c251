import type { Metadata } from "next";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/states";

export const metadata: Metadata = { title: "Store credits" };

export default function CustomerStoreCreditsPage() {
  return (
    <Card>
      <EmptyState title="No store credits">Store credit issued to this customer will be listed here.</EmptyState>
    </Card>
  );
}

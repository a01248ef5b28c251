import type { Metadata } from "next";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/states";

export const metadata: Metadata = { title: "Notifications" };

export default function CustomerNotificationsPage() {
  return (
    <Card>
      <EmptyState title="No notifications">Messages sent to this customer (SMS and email) will be listed here.</EmptyState>
    </Card>
  );
}

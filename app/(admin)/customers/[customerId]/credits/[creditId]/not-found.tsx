import { NotFoundPanel } from "@/components/ui/not-found-panel";

export default function CreditNotFound() {
  return (
    <NotFoundPanel title="This store credit does not exist">
      The link may be mistyped, or the credit belongs to another customer.
    </NotFoundPanel>
  );
}

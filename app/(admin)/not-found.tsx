import { NotFoundPanel } from "@/components/ui/not-found-panel";

export default function AdminNotFound() {
  return <NotFoundPanel title="Page not found" />;
}

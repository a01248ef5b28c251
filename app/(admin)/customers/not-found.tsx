import { NotFoundPanel } from "@/components/ui/not-found-panel";

/** A profile whose id names no customer (its layout calls notFound()). */
export default function CustomerNotFound() {
  return <NotFoundPanel title="This customer does not exist">Check the link, or search for the customer by name, email or phone.</NotFoundPanel>;
}

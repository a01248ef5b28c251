import { notFound } from "next/navigation";

/** Any address the app has no page for: the 404 inside the admin shell, so the sidebar stays. */
export default function UnknownPage() {
  notFound();
}

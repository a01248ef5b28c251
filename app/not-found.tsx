import { headers } from "next/headers";
import { NotFoundPanel } from "@/components/ui/not-found-panel";
import { MISSING_PATH_HEADER, notFoundTitleFor } from "@/components/not-found-title";

/** The 404 outside the admin shell: an address that does not even decode (/customers/%ff). */
export default async function NotFound() {
  const title = notFoundTitleFor((await headers()).get(MISSING_PATH_HEADER));
  return (
    <main className="p-5">
      <NotFoundPanel title={title} />
    </main>
  );
}

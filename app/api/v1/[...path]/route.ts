import { handleApiRequest } from "@/server/api/api-handler";

// The Storefront API (server/api/): every method goes to the route registry.
export const dynamic = "force-dynamic";
const handle = (req: Request) => handleApiRequest(req);
export { handle as GET, handle as POST, handle as PUT, handle as PATCH, handle as DELETE };

import { getStaffSession } from "@/server/auth/current-actor";
import { handleTRPCRequest } from "@/server/trpc/http-handler";

const handler = (req: Request) => handleTRPCRequest(req, { session: getStaffSession });

export { handler as GET, handler as POST };

import { readyResponse } from "@/server/http/health";

// Readiness: 200 after a database round trip, 503 while the database cannot be reached.
export const dynamic = "force-dynamic";
export const GET = readyResponse;

import { healthResponse } from "@/server/http/health";

// Liveness: answers while the process runs, without touching the database.
export const dynamic = "force-dynamic";
export const GET = healthResponse;

import type { ServiceContext } from "@/server/lib/service-context";
import { AppError } from "@/server/lib/app-error";
import type { CreateRefundResult } from "./refund-view";
import type { CreateRefundInput } from "./refunds.schema";

export async function createRefund(_ctx: ServiceContext, _input: CreateRefundInput): Promise<CreateRefundResult> {
  throw new AppError("INTERNAL", "Not built yet");
}

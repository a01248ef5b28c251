export type AppErrorCode =
  | "BAD_INPUT"
  | "NOT_FOUND"
  | "FORBIDDEN"
  | "UNAUTHORIZED"
  | "CONFLICT"
  | "INSUFFICIENT_FUNDS"
  | "IDEMPOTENCY_MISMATCH"
  | "GATEWAY_ERROR"
  | "TOO_LARGE"
  | "RATE_LIMITED"
  | "INTERNAL";

/** The one error the domain throws; the tRPC formatter maps `code` to a transport code. */
export class AppError extends Error {
  readonly code: AppErrorCode;
  readonly field: string | undefined;

  constructor(code: AppErrorCode, message: string, field?: string) {
    super(message);
    this.name = "AppError";
    this.code = code;
    this.field = field;
  }
}

export const isAppError = (error: unknown): error is AppError => error instanceof AppError;

/** Errors a use-case throws to mean "the caller did something wrong"; the HTTP layer maps them to 4xx. */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

export const notFound = (what: string) => new AppError(404, "not_found", `${what} not found`);
export const forbidden = (message = "You are not allowed to do this") => new AppError(403, "forbidden", message);
export const badRequest = (message: string, field?: string) => new AppError(400, "invalid_request", message, field);
export const conflict = (message: string, field?: string) => new AppError(409, "conflict", message, field);

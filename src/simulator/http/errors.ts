/**
 * The real API's error body: {status, code, message, developerMessage}.
 * Handlers throw ApiError; the server turns it into that JSON.
 */
export interface ApiErrorBody {
  status: number
  code: string
  message: string
  developerMessage: string
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly developerMessage: string = message,
    readonly headers: Record<string, string> = {}
  ) {
    super(message)
    this.name = 'ApiError'
  }

  toBody(): ApiErrorBody {
    return { status: this.status, code: this.code, message: this.message, developerMessage: this.developerMessage }
  }
}

export const badRequest = (message: string, field?: string): ApiError =>
  new ApiError(400, 'validation_error', message, field ? `Invalid value for field '${field}'. ${message}` : message)

export const notFound = (what: string): ApiError => new ApiError(404, 'not_found', `${what} was not found.`)

export const forbidden = (message: string): ApiError => new ApiError(403, 'forbidden', message)

export const conflict = (message: string): ApiError => new ApiError(409, 'conflict', message)

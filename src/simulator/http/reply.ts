/** A handler may return a plain value (→ 200 JSON) or a Reply for other statuses. */
export class Reply {
  constructor(
    readonly status: number,
    readonly body?: unknown,
    readonly headers: Record<string, string> = {}
  ) {}
}

export const noContent = (): Reply => new Reply(204)

/** Where a request came from, as recorded on a session row. */
export type ClientInfo = { ip: string | null; userAgent: string | null };

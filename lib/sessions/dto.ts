import type { z } from "zod";
import type { SessionRow } from "@/db/schema";
import { describeDevice } from "./device";
import { idleExpiry } from "./idle";
import type { sessionDtoSchema } from "./dto-schemas";

/** What leaves lib/ about a session. Never its token or token hash. The shape is sessionDtoSchema's. */
export type SessionDto = z.infer<typeof sessionDtoSchema>;

export function toSessionDto(row: SessionRow, currentId: string | null): SessionDto {
  return {
    id: row.id,
    kind: row.kind,
    device: describeDevice(row.userAgent),
    ip: row.ip,
    createdAt: row.createdAt.toISOString(),
    lastSeenAt: row.lastSeenAt.toISOString(),
    expiresAt: row.expiresAt.toISOString(),
    idleExpiresAt: idleExpiry(row.lastSeenAt, row.expiresAt).toISOString(),
    current: row.id === currentId,
  };
}

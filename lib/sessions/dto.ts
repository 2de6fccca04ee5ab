import type { SessionRow } from "@/db/schema";
import { describeDevice } from "./device";
import { idleExpiry } from "./idle";

/** What leaves lib/ about a session. Never its token or token hash. */
export type SessionDto = {
  id: string;
  kind: "browser" | "api";
  device: string;
  ip: string | null;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
  /** When it ends unless used before: SESSION_IDLE_DAYS after last use, or `expiresAt` if sooner. */
  idleExpiresAt: string;
  current: boolean;
};

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

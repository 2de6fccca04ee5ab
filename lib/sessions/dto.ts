import type { SessionRow } from "@/db/schema";
import { describeDevice } from "./device";

/** What leaves lib/ about a session. Never its token or token hash. */
export type SessionDto = {
  id: string;
  kind: "browser" | "api";
  device: string;
  ip: string | null;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
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
    current: row.id === currentId,
  };
}

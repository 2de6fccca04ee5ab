import type { z } from "zod";
import type { PasskeyRow } from "@/db/schema";
import type { passkeyDtoSchema } from "./dto-schemas";

export type PasskeyDto = z.infer<typeof passkeyDtoSchema>;

export function toPasskeyDto(
  row: Pick<PasskeyRow, "id" | "name" | "createdAt" | "lastUsedAt" | "backedUp">,
): PasskeyDto {
  return {
    id: row.id,
    name: row.name,
    createdAt: row.createdAt.toISOString(),
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    backedUp: row.backedUp,
  };
}

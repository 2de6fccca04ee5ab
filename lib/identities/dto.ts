import type { z } from "zod";
import type { IdentityRow } from "@/db/schema";
import type { identityDtoSchema } from "./dto-schemas";
import { providerName, type ProviderId } from "./provider-names";

export type IdentityDto = z.infer<typeof identityDtoSchema>;

export function toIdentityDto(
  row: Pick<IdentityRow, "id" | "provider" | "email" | "connectedAt" | "lastUsedAt">,
): IdentityDto {
  return {
    id: row.id,
    provider: row.provider as ProviderId,
    providerName: providerName(row.provider),
    email: row.email,
    connectedAt: row.connectedAt.toISOString(),
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
  };
}

import type { ApiKeyRow } from "@/db/schema";
import type { ApiKeyDto } from "./dto-schemas";
import type { ApiKeyScope } from "./scopes";

/** The columns a key's DTO reads (never the hash). */
export type ApiKeyDtoSource = Pick<
  ApiKeyRow,
  "id" | "name" | "prefix" | "scopes" | "createdAt" | "lastUsedAt" | "expiresAt"
>;

export function toApiKeyDto(row: ApiKeyDtoSource): ApiKeyDto {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    scopes: row.scopes as ApiKeyScope[],
    createdAt: row.createdAt.toISOString(),
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    expiresAt: row.expiresAt?.toISOString() ?? null,
  };
}

import { z } from "zod";

/** `/api/users/me/identities/{id}`: a uuid; anything else names no connection (404 without a query). */
export const identityParamsSchema = z.object({ id: z.uuid() });

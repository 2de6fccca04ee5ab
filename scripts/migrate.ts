// `npm run db:migrate`: apply every pending migration to DATABASE_URL (or the PGlite directory).
import { closeDb, databaseDriver, getDb } from "../db/client";

await getDb();
console.log(`migrations applied (${databaseDriver()})`);
await closeDb();

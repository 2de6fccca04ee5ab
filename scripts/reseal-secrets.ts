// `npm run secrets:reseal`: after AUTH_SECRET has been rotated (the new secret first on every instance,
// docs/configuration.md), seal every stored value sealed under an older secret again under the newest,
// on DATABASE_URL (or the PGlite directory), so that the older secret can later be removed.
import { closeDb, databaseDriver } from "../db/client";
import { resealUnderNewest } from "../lib/maintenance/reseal";

const driver = databaseDriver();
const { resealed, current, unopened } = await resealUnderNewest();
await closeDb();
console.log(`${resealed} value(s) sealed again under the newest secret, ${current} already were (${driver}).`);
if (unopened > 0) {
  console.error(
    `${unopened} value(s) open under none of AUTH_SECRET's secrets (sealed under one already removed, or ` +
      "damaged): they were left as they are.",
  );
  process.exit(1);
}

// `npm run admin -- grant <username|email>` / `npm run admin -- revoke <username|email>`: make an
// account an administrator, or an ordinary user again, on DATABASE_URL (or the PGlite directory).
import { closeDb, databaseDriver } from "../db/client";
import { setRoleByLogin } from "../lib/admin/grant";

const [command, login] = process.argv.slice(2);
if ((command !== "grant" && command !== "revoke") || !login) {
  console.error("usage: npm run admin -- grant|revoke <username|email>");
  process.exit(2);
}
const driver = databaseDriver();
const result = await setRoleByLogin(login, command === "grant" ? "admin" : "user");
await closeDb();
if (!result.ok) {
  console.error(result.error.message);
  process.exit(1);
}
const { username, changed } = result.value;
const role = command === "grant" ? "an administrator" : "an ordinary user";
console.log(`${username} ${changed ? "is now" : "was already"} ${role} (${driver}).`);

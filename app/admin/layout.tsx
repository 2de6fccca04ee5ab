import { adminPageCaller } from "./admin-caller";
import { AdminNav } from "./admin-nav";

/** The console's frame: its two sections. Each page checks the role again (layouts and pages render apart). */
export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  await adminPageCaller();
  return (
    <div className="mx-auto w-full max-w-5xl space-y-6">
      <AdminNav />
      {children}
    </div>
  );
}

import Link from "next/link";

/**
 * One line of the security overview: what it is, its state in a few words, and one link to the page where it
 * changes. The link's name is the bare verb ("Change", "Set up"); the row's title describes it for screen readers.
 */
export function SummaryRow({
  id,
  title,
  status,
  href,
  action,
  tone = "default",
}: {
  id: string;
  title: string;
  status: React.ReactNode;
  href: string;
  action: string;
  tone?: "default" | "danger";
}) {
  return (
    <li className="flex items-center justify-between gap-4 px-4 py-3 sm:px-5">
      <div className="min-w-0">
        <p id={id} className="text-sm font-medium text-slate-900">
          {title}
        </p>
        <p className="text-sm text-slate-600">{status}</p>
      </div>
      <Link
        href={href}
        aria-describedby={id}
        className={`inline-flex min-h-10 shrink-0 items-center rounded-lg border px-3 text-sm font-semibold shadow-sm ${
          tone === "danger"
            ? "border-red-300 bg-white text-red-700 hover:bg-red-50"
            : "border-slate-300 bg-white text-slate-800 hover:bg-slate-100"
        }`}
      >
        {action}
      </Link>
    </li>
  );
}

/** A titled group of summary rows ("Sign-in methods", "Danger zone"). */
export function SummaryGroup({
  id,
  title,
  children,
  tone = "default",
}: {
  id: string;
  title: string;
  children: React.ReactNode;
  tone?: "default" | "danger";
}) {
  return (
    <section aria-labelledby={id} className="mx-auto w-full max-w-2xl">
      <h2 id={id} className={`mb-2 text-base font-semibold ${tone === "danger" ? "text-red-700" : "text-slate-900"}`}>
        {title}
      </h2>
      <ul
        className={`divide-y rounded-2xl border bg-white shadow-sm ${
          tone === "danger" ? "divide-red-100 border-red-200" : "divide-slate-200 border-slate-200"
        }`}
      >
        {children}
      </ul>
    </section>
  );
}

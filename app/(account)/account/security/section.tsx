/**
 * One security page's body: its title is the page's `h1` and names the region, so "the Two-factor
 * authentication region" means the same whether a person or a test looks for it.
 */
export function SecuritySection({
  id,
  title,
  description,
  children,
  tone = "default",
}: {
  id: string;
  title: string;
  description?: React.ReactNode;
  children: React.ReactNode;
  tone?: "default" | "danger";
}) {
  return (
    <section
      aria-labelledby={id}
      className={`mx-auto w-full max-w-2xl rounded-2xl border bg-white p-6 shadow-sm sm:p-8 ${
        tone === "danger" ? "border-red-200" : "border-slate-200"
      }`}
    >
      <h1
        id={id}
        className={`text-xl font-semibold tracking-tight ${tone === "danger" ? "text-red-700" : "text-slate-900"}`}
      >
        {title}
      </h1>
      {description && <p className="mt-1 text-sm text-slate-600">{description}</p>}
      <div className="mt-5">{children}</div>
    </section>
  );
}

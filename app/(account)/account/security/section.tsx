/**
 * One security page's body. The page's `h1` is "Security" (for screen readers; the tabs show it), the section's
 * title an `h2` that names the region, so the prompts and dialogs inside keep their `h3`s in order and "the
 * Two-factor authentication region" means the same whether a person or a test looks for it.
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
    <>
      <h1 className="sr-only">Security</h1>
      <section
        aria-labelledby={id}
        className={`mx-auto w-full max-w-2xl rounded-2xl border bg-white p-6 shadow-sm sm:p-8 ${
          tone === "danger" ? "border-red-200" : "border-slate-200"
        }`}
      >
        <h2
          id={id}
          className={`text-xl font-semibold tracking-tight ${tone === "danger" ? "text-red-700" : "text-slate-900"}`}
        >
          {title}
        </h2>
        {description && <p className="mt-1 text-sm text-slate-600">{description}</p>}
        <div className="mt-5">{children}</div>
      </section>
    </>
  );
}

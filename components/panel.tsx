/** A titled section of an account page. */
export function Panel({
  title,
  description,
  children,
  tone = "default",
}: {
  title: string;
  description?: React.ReactNode;
  children: React.ReactNode;
  tone?: "default" | "danger";
}) {
  const titleId = `panel-${title.toLowerCase().replace(/[^a-z0-9]+/g, "-")}`;
  return (
    <section
      aria-labelledby={titleId}
      className={`mx-auto w-full max-w-2xl rounded-2xl border bg-white p-6 shadow-sm sm:p-8 ${
        tone === "danger" ? "border-red-200" : "border-slate-200"
      }`}
    >
      <h2 id={titleId} className={`text-lg font-semibold ${tone === "danger" ? "text-red-700" : "text-slate-900"}`}>
        {title}
      </h2>
      {description && <p className="mt-1 text-sm text-slate-600">{description}</p>}
      <div className="mt-5">{children}</div>
    </section>
  );
}

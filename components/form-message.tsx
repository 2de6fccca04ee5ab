/**
 * The form's summary line, announced to screen readers when it changes. It takes focus after a failed
 * submit when no field is to blame (lib/forms/kept-form.ts looks for `data-form-message`).
 */
export function FormMessage({ status, message }: { status: "idle" | "error" | "success"; message?: string }) {
  return (
    <div aria-live="polite" role="status">
      {message && status !== "idle" && (
        <p
          data-form-message
          tabIndex={-1}
          className={`rounded-lg border px-3 py-2 text-sm ${
            status === "error"
              ? "border-red-200 bg-red-50 text-red-800"
              : "border-emerald-200 bg-emerald-50 text-emerald-800"
          }`}
        >
          {message}
        </p>
      )}
    </div>
  );
}

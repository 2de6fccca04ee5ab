import type { InputHTMLAttributes } from "react";

type FieldProps = {
  label: string;
  name: string;
  errors?: string[];
  hint?: string;
} & Omit<InputHTMLAttributes<HTMLInputElement>, "name">;

/**
 * A labelled input with one message under it, linked by aria-describedby: the hint, or, when the field has
 * an error, the error in its place (never both saying the same thing twice), and only the first error.
 */
export function Field({ label, name, errors, hint, id, ...input }: FieldProps) {
  const fieldId = id ?? `field-${name}`;
  const invalid = Boolean(errors?.length);
  const hintId = hint && !invalid ? `${fieldId}-hint` : undefined;
  const errorId = invalid ? `${fieldId}-error` : undefined;
  return (
    <div className="space-y-1.5">
      <label htmlFor={fieldId} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      <input
        id={fieldId}
        name={name}
        aria-invalid={invalid || undefined}
        aria-describedby={hintId ?? errorId}
        className={inputClass(invalid)}
        {...input}
      />
      {hintId && (
        <p id={hintId} className="text-xs text-slate-500">
          {hint}
        </p>
      )}
      <FieldErrors id={errorId} errors={errors} />
    </div>
  );
}

export function inputClass(invalid: boolean) {
  return [
    // 16 px text on phones (iOS zooms into smaller fields), 14 px from `sm`; focus: the app's one outline.
    "block w-full rounded-lg border bg-white px-3 py-2 text-base shadow-sm transition sm:text-sm",
    "placeholder:text-slate-500",
    invalid ? "border-red-400 focus:border-red-500" : "border-slate-300 focus:border-brand-500",
  ].join(" ");
}

/** A field's error: the first message only (one message per field; the rest come once it is fixed). */
export function FieldErrors({ id, errors }: { id?: string; errors?: string[] }) {
  if (!errors?.length) return null;
  return (
    <p id={id} className="text-sm text-red-700">
      {errors[0]}
    </p>
  );
}

import type { TextareaHTMLAttributes } from "react";
import { FieldErrors, inputClass } from "./field";

type TextAreaProps = {
  label: string;
  name: string;
  errors?: string[];
  hint?: React.ReactNode;
} & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, "name">;

/** A labelled multi-line input, errors linked by aria-describedby. */
export function TextArea({ label, name, errors, hint, id, ...input }: TextAreaProps) {
  const fieldId = id ?? `field-${name}`;
  const hintId = hint ? `${fieldId}-hint` : undefined;
  const errorId = errors?.length ? `${fieldId}-error` : undefined;
  return (
    <div className="space-y-1.5">
      <label htmlFor={fieldId} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      <textarea
        id={fieldId}
        name={name}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={[hintId, errorId].filter(Boolean).join(" ") || undefined}
        className={inputClass(Boolean(errors?.length))}
        {...input}
      />
      {hint && (
        <div id={hintId} className="text-xs text-slate-500">
          {hint}
        </div>
      )}
      <FieldErrors id={errorId} errors={errors} />
    </div>
  );
}

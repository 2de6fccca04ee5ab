import { unstable_rethrow } from "next/navigation";
import {
  startTransition,
  useActionState,
  useEffect,
  useRef,
  useState,
  type FormEvent,
  type FormEventHandler,
  type RefObject,
} from "react";
import { ACTION_FAILED, NETWORK_FAILED } from "../messages";
import { idle, type FormState } from "./state";

/**
 * The browser side of a form with a server action (client components only). What it does, and why:
 *
 * - **What was typed stays**, passwords included: the submit is sent with `preventDefault` and
 *   `startTransition`, so React 19 does not reset the form after the action (it resets a form whose
 *   `action` it ran itself). Passwords stay in the browser's inputs; the server never echoes them (the
 *   form state's `values` never hold one). `action` stays on the form so it also posts before hydration.
 * - **A failed call keeps the form**: a request that never reached the server (offline, connection
 *   dropped: fetch's TypeError) answers NETWORK_FAILED in the form; one the server failed answers
 *   ACTION_FAILED; Next's redirect and notFound go on. app/error.tsx is left for render failures.
 * - **One error per field, cleared as it is fixed**: typing in a field drops its error (`onInput`), and
 *   `setFieldErrors` lets a check of the form's own (a username looked up on leaving the field) add or
 *   clear one.
 * - **Focus goes to the first invalid field** after a failed submit (or to the form's message when no
 *   field is to blame), so a keyboard or screen-reader user lands on what to fix; a success that stays on
 *   the page empties the form.
 */
type Action = (previous: FormState, form: FormData) => Promise<FormState>;

/** `action`, with a call that failed in transport or on the server answered as a form state. */
export function keptAction<S extends FormState>(
  action: (previous: S, form: FormData) => Promise<S>,
): (previous: S, form: FormData) => Promise<S> {
  return async (previous, form) => {
    try {
      return await action(previous, form);
    } catch (error) {
      unstable_rethrow(error);
      return { status: "error", message: error instanceof TypeError ? NETWORK_FAILED : ACTION_FAILED } as S;
    }
  };
}

type Local = {
  of: FormState;
  dropped: ReadonlySet<string>;
  own: Record<string, string[] | undefined>;
  submitted: number;
};

export function useKeptForm(action: Action) {
  const [wrapped] = useState(() => keptAction(action));
  const [state, dispatch, pending] = useActionState(wrapped, idle);
  const formRef = useRef<HTMLFormElement>(null);
  const [local, setLocal] = useState<Local>({ of: state, dropped: new Set(), own: {}, submitted: 0 });
  // A new answer from the server: its field errors count again, the browser's own are forgotten.
  let current = local;
  if (local.of !== state) {
    current = { of: state, dropped: new Set(), own: {}, submitted: local.submitted };
    setLocal(current);
  }

  const errors = (name: string): string[] | undefined =>
    name in current.own ? current.own[name] : current.dropped.has(name) ? undefined : state.fields?.[name];

  const setFieldErrors = (name: string, messages: string[] | undefined) =>
    setLocal((l) => ({ ...l, own: { ...l.own, [name]: messages }, dropped: new Set(l.dropped).add(name) }));

  const onInput: FormEventHandler<HTMLFormElement> = (event) => {
    const name = (event.target as HTMLInputElement).name;
    if (!name || !errors(name)) return;
    setLocal((l) => ({ ...l, own: { ...l.own, [name]: undefined }, dropped: new Set(l.dropped).add(name) }));
  };

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const submitter = (event.nativeEvent as SubmitEvent).submitter;
    const data = new FormData(event.currentTarget, submitter);
    setLocal((l) => ({ ...l, submitted: l.submitted + 1 }));
    startTransition(() => dispatch(data));
  };

  useFocusFirstProblem(formRef, state, pending, local.submitted);

  const formProps = { ref: formRef, action: dispatch, onSubmit, onInput, noValidate: true, "aria-busy": pending };
  return { state, pending, errors, setFieldErrors, values: state.values ?? {}, formProps };
}

/**
 * After a failed submit has been answered: the first invalid field, else the form's message, gets focus.
 * After a success that stays on the page (a password changed), the form is emptied: nothing typed lingers.
 */
function useFocusFirstProblem(
  formRef: RefObject<HTMLFormElement | null>,
  state: FormState,
  pending: boolean,
  submitted: number,
) {
  const focusedFor = useRef<FormState | null>(null);
  useEffect(() => {
    const form = formRef.current;
    if (!form || pending || submitted === 0 || focusedFor.current === state) return;
    focusedFor.current = state;
    if (state.status === "success") form.reset();
    if (state.status !== "error") return;
    const target =
      form.querySelector<HTMLElement>('[aria-invalid="true"]') ??
      form.querySelector<HTMLElement>("[data-form-message]");
    target?.focus();
  }, [formRef, state, pending, submitted]);
}

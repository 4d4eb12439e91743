/**
 * The submit of a form that writes to the portal: check the fields first (nothing is sent while
 * any is wrong), then send; a refusal shows as `formError` plus the fields it names in `errors`.
 *
 *   const { errors, formError, busy, submit, invalid } = useFormSubmit()
 *   const save = () => submit(() => validateFields(schema, input, fields), async () => { await call(…) })
 */
import { nextTick, ref, type Ref } from 'vue'
import { errorMessage, fieldErrors } from '../api/client'
import { useBusyAction } from './use-busy-action'

export interface FormSubmit {
  /** Field name → message, from the check or from the portal's refusal. */
  errors: Ref<Record<string, string>>
  formError: Ref<string | null>
  busy: Ref<boolean>
  submit: (check: () => Record<string, string>, send: () => Promise<void>) => Promise<void>
  /** For `:aria-invalid`. */
  invalid: (field: string) => 'true' | undefined
}

/** Moves the focus to the first field marked invalid, so the keyboard lands where the fix is. */
async function focusFirstInvalid(): Promise<void> {
  await nextTick()
  const field = document.querySelector<HTMLElement>('[aria-invalid="true"]')
  field?.focus()
}

export function useFormSubmit(): FormSubmit {
  const errors = ref<Record<string, string>>({})
  const { busy, error: formError, run } = useBusyAction()

  async function submit(check: () => Record<string, string>, send: () => Promise<void>): Promise<void> {
    formError.value = null
    errors.value = check()
    if (Object.keys(errors.value).length > 0) {
      await focusFirstInvalid()
      return
    }
    await run(send, (e) => {
      errors.value = fieldErrors(e)
      // A refusal that names a field is told beside that field (focus moves there), not in a box on top.
      formError.value = Object.keys(errors.value).length > 0 ? null : errorMessage(e)
    })
    if (Object.keys(errors.value).length > 0) await focusFirstInvalid()
  }

  const invalid = (field: string): 'true' | undefined => (errors.value[field] ? 'true' : undefined)
  return { errors, formError, busy, submit, invalid }
}

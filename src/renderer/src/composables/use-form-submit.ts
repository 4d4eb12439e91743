/**
 * The submit of a form that writes to the portal: check the fields first (nothing is sent while
 * any is wrong), then send; a refusal shows as `formError` plus the fields it names in `errors`.
 *
 *   const { errors, formError, busy, submit, invalid } = useFormSubmit()
 *   const save = () => submit(() => validateFields(schema, input, fields), async () => { await call(…) })
 */
import { ref, type Ref } from 'vue'
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

export function useFormSubmit(): FormSubmit {
  const errors = ref<Record<string, string>>({})
  const { busy, error: formError, run } = useBusyAction()

  async function submit(check: () => Record<string, string>, send: () => Promise<void>): Promise<void> {
    formError.value = null
    errors.value = check()
    if (Object.keys(errors.value).length > 0) return
    await run(send, (e) => {
      formError.value = errorMessage(e)
      errors.value = fieldErrors(e)
    })
  }

  const invalid = (field: string): 'true' | undefined => (errors.value[field] ? 'true' : undefined)
  return { errors, formError, busy, submit, invalid }
}

/**
 * The "new consumption unit with its backup node" wizard as pure data: the steps, what each one
 * validates (with the shared zod schemas), the inputs of the calls, and where to resume when a
 * later call failed (never creating the consumer or the node twice).
 */
import { createConsumerInput, nodeFields } from '../../../../shared/ipc/estate-models'
import type { ActivationResult, ReferenceView, RefItem } from '../../../../shared/ipc/estate-models'
import { optional, validateFields } from './form-errors'

export const STEPS = ['name', 'os', 'type', 'domain', 'optionset', 'details', 'review'] as const
export type Step = (typeof STEPS)[number]

export const STEP_TITLES: Record<Step, string> = {
  name: 'Name',
  os: 'Operating system',
  type: 'Node type',
  domain: 'Domain',
  optionset: 'Client option set',
  details: 'CPU count and contact',
  review: 'Review and create'
}

export interface ConsumerWizardForm {
  name: string
  note: string
  operatingSystemId: number | null
  typeId: number | null
  domainId: number | null
  clientOptionSetId: number | null
  cpuCount: string
  contact: string
}

export function emptyForm(): ConsumerWizardForm {
  return {
    name: '',
    note: '',
    operatingSystemId: null,
    typeId: null,
    domainId: null,
    clientOptionSetId: null,
    cpuCount: '1',
    contact: ''
  }
}

/** What has been created so far: lets a failed run resume instead of starting over. */
export interface WizardProgress {
  consumerId: number | null
  nodeCreated: boolean
  activation: ActivationResult | null
}

export const NO_PROGRESS: WizardProgress = { consumerId: null, nodeCreated: false, activation: null }

export type NextAction = 'createConsumer' | 'createNode' | 'activate' | 'done'

/** What to call next: a retry after a failure starts here, never repeating a call that succeeded. */
export function nextAction(progress: WizardProgress, wantsActivation: boolean): NextAction {
  if (progress.consumerId === null) return 'createConsumer'
  if (!progress.nodeCreated) return 'createNode'
  if (wantsActivation && progress.activation === null) return 'activate'
  return 'done'
}

export function typesForOs(reference: Pick<ReferenceView, 'operatingSystems' | 'nodeTypes'>, osId: number | null): RefItem[] {
  const os = reference.operatingSystems.find((o) => o.id === osId)
  if (!os) return []
  return reference.nodeTypes.filter((type) => os.supportedNodeTypeIds.includes(type.id))
}

export function parseCpuCount(text: string): number | undefined | 'invalid' {
  const trimmed = text.trim()
  if (trimmed === '') return undefined
  if (!/^\d+$/.test(trimmed)) return 'invalid'
  return Number(trimmed)
}

export function nodeCandidate(form: ConsumerWizardForm) {
  const cpu = parseCpuCount(form.cpuCount)
  return {
    operatingSystemId: form.operatingSystemId ?? undefined,
    typeId: form.typeId ?? undefined,
    domainId: form.domainId ?? undefined,
    clientOptionSetId: form.clientOptionSetId ?? undefined,
    cpuCount: cpu === 'invalid' ? Number.NaN : cpu,
    contact: optional(form.contact)
  }
}

const CHOOSE: Record<string, string> = {
  operatingSystemId: 'Choose an operating system',
  typeId: 'Choose a node type',
  domainId: 'Choose a domain',
  clientOptionSetId: 'Choose a client option set'
}

/** Errors of one step (field → message); empty when the step may be left. */
export function validateStep(
  step: Step,
  form: ConsumerWizardForm,
  reference: Pick<ReferenceView, 'operatingSystems' | 'nodeTypes'> | null
): Record<string, string> {
  switch (step) {
    case 'name':
      return validateFields(createConsumerInput, { accountId: 'x', bunitId: 1, name: form.name, note: optional(form.note) }, ['name', 'note'])
    case 'os':
    case 'type':
    case 'domain':
    case 'optionset': {
      const field = ({ os: 'operatingSystemId', type: 'typeId', domain: 'domainId', optionset: 'clientOptionSetId' } as const)[step]
      if (form[field] === null) return { [field]: CHOOSE[field] as string }
      if (step === 'type' && reference && !typesForOs(reference, form.operatingSystemId).some((t) => t.id === form.typeId)) {
        return { typeId: 'That node type is not supported by the chosen operating system' }
      }
      return validateFields(nodeFields, nodeCandidate(form), [field])
    }
    case 'details': {
      if (parseCpuCount(form.cpuCount) === 'invalid') return { cpuCount: 'CPU count must be a whole number' }
      return validateFields(nodeFields, nodeCandidate(form), ['cpuCount', 'contact'])
    }
    case 'review':
      return {}
  }
}

/** The first step with errors, to send the technician back to it (e.g. after an API refusal). */
export function firstInvalidStep(form: ConsumerWizardForm, reference: Pick<ReferenceView, 'operatingSystems' | 'nodeTypes'> | null): Step | null {
  for (const step of STEPS) if (Object.keys(validateStep(step, form, reference)).length > 0) return step
  return null
}

/** Which step shows a field (API errors are mapped back to where the field is edited). */
export function stepOfField(field: string): Step {
  switch (field) {
    case 'name':
    case 'note': return 'name'
    case 'operatingSystemId': return 'os'
    case 'typeId': return 'type'
    case 'domainId': return 'domain'
    case 'clientOptionSetId': return 'optionset'
    case 'cpuCount':
    case 'contact': return 'details'
    default: return 'review'
  }
}

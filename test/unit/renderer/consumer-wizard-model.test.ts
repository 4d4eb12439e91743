import { describe, expect, it } from 'vitest'
import {
  NO_PROGRESS, emptyForm, firstInvalidStep, nextAction, nodeCandidate, parseCpuCount, stepOfField, typesForOs, validateStep
} from '../../../src/renderer/src/views/wizards/consumer-wizard-model'

const reference = {
  operatingSystems: [
    { id: 1, name: 'Microsoft Windows', supportedNodeTypeIds: [1, 2] },
    { id: 2, name: 'Apple macOS', supportedNodeTypeIds: [2] }
  ],
  nodeTypes: [{ id: 1, name: 'File Server' }, { id: 2, name: 'Workstation' }, { id: 3, name: 'Application server' }]
}

describe('consumption-unit wizard model', () => {
  it('each step checks only its own fields, with the shared schemas', () => {
    const form = emptyForm()
    expect(validateStep('name', form, reference)).toEqual({ name: 'Name is required' })
    form.name = '  web-01 '
    expect(validateStep('name', form, reference)).toEqual({})
    // The portal's own limit (issue 11: the forms check what the portal checks).
    form.name = 'x'.repeat(256)
    expect(validateStep('name', form, reference).name).toMatch(/at most 255/)
    expect(validateStep('os', form, reference)).toEqual({ operatingSystemId: 'Choose an operating system' })
    expect(validateStep('domain', form, reference)).toEqual({ domainId: 'Choose a domain' })
    expect(validateStep('optionset', form, reference)).toEqual({ clientOptionSetId: 'Choose a client option set' })
    expect(validateStep('review', form, reference)).toEqual({})
  })

  it('only node types supported by the OS are offered and accepted', () => {
    expect(typesForOs(reference, 2).map((t) => t.name)).toEqual(['Workstation'])
    expect(typesForOs(reference, 1).map((t) => t.id)).toEqual([1, 2])
    expect(typesForOs(reference, null)).toEqual([])
    const form = { ...emptyForm(), operatingSystemId: 2, typeId: 1 }
    expect(validateStep('type', form, reference).typeId).toMatch(/not supported/)
    expect(validateStep('type', { ...form, typeId: 2 }, reference)).toEqual({})
  })

  it('CPU count: empty is fine, not a number or out of range is not', () => {
    expect(parseCpuCount('')).toBeUndefined()
    expect(parseCpuCount(' 4 ')).toBe(4)
    expect(parseCpuCount('4.5')).toBe('invalid')
    const form = emptyForm()
    form.cpuCount = 'abc'
    expect(validateStep('details', form, reference)).toEqual({ cpuCount: 'CPU count must be a whole number' })
    form.cpuCount = '0'
    expect(validateStep('details', form, reference)).toEqual({ cpuCount: 'CPU count is at least 1' })
    form.cpuCount = '5000'
    expect(validateStep('details', form, reference)).toEqual({ cpuCount: 'CPU count is at most 4096' })
    form.cpuCount = ''
    form.contact = 'c'.repeat(256)
    expect(validateStep('details', form, reference).contact).toMatch(/at most 255/)
  })

  it('builds the node input without empty optional fields', () => {
    const form = { ...emptyForm(), operatingSystemId: 1, typeId: 2, domainId: 3, clientOptionSetId: 4, cpuCount: '', contact: '  ' }
    expect(nodeCandidate(form)).toEqual({ operatingSystemId: 1, typeId: 2, domainId: 3, clientOptionSetId: 4, cpuCount: undefined, contact: undefined })
  })

  it('resumes at the call that failed, never repeating one that succeeded', () => {
    expect(nextAction(NO_PROGRESS, true)).toBe('createConsumer')
    expect(nextAction({ ...NO_PROGRESS, consumerId: 7 }, true)).toBe('createNode')
    expect(nextAction({ ...NO_PROGRESS, consumerId: 7, nodeCreated: true }, true)).toBe('activate')
    expect(nextAction({ ...NO_PROGRESS, consumerId: 7, nodeCreated: true }, false)).toBe('done')
    expect(nextAction({ consumerId: 7, nodeCreated: true, activation: { tsmName: 'A', password: 'p' } }, true)).toBe('done')
  })

  it('maps API field errors back to the step that edits the field', () => {
    expect(stepOfField('name')).toBe('name')
    expect(stepOfField('typeId')).toBe('type')
    expect(stepOfField('cpuCount')).toBe('details')
    expect(stepOfField('somethingElse')).toBe('review')
    const form = { ...emptyForm(), name: 'a', operatingSystemId: 1 }
    expect(firstInvalidStep(form, reference)).toBe('type')
  })
})

import { execFile } from 'node:child_process'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startSimulator, type RunningSimulator } from '../../../src/simulator/index'

const run = promisify(execFile)
const FIXTURE = fileURLToPath(new URL('../../fixtures/guide-example.py', import.meta.url))

describe("the guide's full Python example program", () => {
  let sim: RunningSimulator
  let dir: string
  beforeAll(async () => {
    sim = await startSimulator()
    dir = await mkdtemp(join(tmpdir(), 'sim-py-'))
  })
  afterAll(async () => {
    await sim.close()
    await rm(dir, { recursive: true, force: true })
  })

  it('runs unchanged apart from its five constants and prints the four success lines', async () => {
    const original = await readFile(FIXTURE, 'utf8')
    const replacements: [RegExp, string][] = [
      [/^USERNAME = .*$/m, `USERNAME = "${sim.defaults.username}"`],
      [/^PASSWORD = .*$/m, `PASSWORD = "${sim.defaults.password}"`],
      [/^CLIENT_ID = .*$/m, `CLIENT_ID = "${sim.defaults.clientId}"`],
      [/^CLIENT_ORIGIN = .*$/m, `CLIENT_ORIGIN = "${sim.defaults.origin}"`],
      [/^CLOUTILITY_API_URL = .*$/m, `CLOUTILITY_API_URL = "${sim.apiUrl}"`]
    ]
    let program = original
    for (const [pattern, line] of replacements) {
      expect(program).toMatch(pattern)
      program = program.replace(pattern, line)
    }
    // Exactly five lines differ from the guide's program.
    const changed = original.split('\n').filter((line, i) => line !== program.split('\n')[i])
    expect(changed).toHaveLength(5)

    const file = join(dir, 'example.py')
    await writeFile(file, program)
    const env = { ...process.env, NO_PROXY: '127.0.0.1,localhost', no_proxy: '127.0.0.1,localhost' }
    const { stdout } = await run('/usr/bin/python3', [file], { env, timeout: 20_000 })
    expect(stdout.trim().split('\n')).toEqual([
      'Got access token! Expires in 299 seconds.',
      'API call successful!',
      'API full version is: 1.0.4480.0',
      'Refreshed access token. Expires in 299 seconds.'
    ])
  })
})

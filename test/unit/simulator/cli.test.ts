import { spawn } from 'node:child_process'
import { describe, expect, it } from 'vitest'
import { parseCliArgs, USAGE } from '../../../src/simulator/cli-args'

describe('simulator CLI', () => {
  it('parses flags into options', () => {
    expect(parseCliArgs(['--port', '8080', '--seed=3', '--bunits', '20', '--consumers', '500', '--latency', '25', '--jitter', '5', '--token-lifetime', '60', '--error-rate', '0.1', '--rate-429', '0.05'])).toEqual({
      help: false,
      options: { port: 8080, seed: 3, bunits: 20, consumers: 500, latencyMs: 25, jitterMs: 5, tokenLifetimeSeconds: 60, errorRate: 0.1, rate429: 0.05 }
    })
    expect(parseCliArgs(['--help'])).toEqual({ help: true })
    expect(parseCliArgs(['--test-control', '--seed', '2'])).toEqual({ help: false, options: { testControl: true, seed: 2 } })
    expect(USAGE).toContain('--test-control')
  })

  it('rejects bad flags with clear messages', () => {
    expect(() => parseCliArgs(['--port', 'abc'])).toThrow(/--port must be an integer/)
    expect(() => parseCliArgs(['--port'])).toThrow(/needs a value/)
    expect(() => parseCliArgs(['--error-rate', '1.5'])).toThrow(/--error-rate must be a number between 0 and 1/)
    expect(() => parseCliArgs(['--bogus'])).toThrow(/Unknown option '--bogus'/)
    expect(() => parseCliArgs(['--seed', '--port', '1'])).toThrow(/--seed needs a value/)
  })

  it('starts, prints the URL and defaults, answers, and stops on SIGTERM', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/simulator/cli.ts', '--port', '0', '--consumers', '5', '--bunits', '2'], {
      cwd: process.cwd(),
      stdio: ['ignore', 'pipe', 'pipe']
    })
    let out = ''
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
    // Ready once it has printed its defaults (the password line comes last).
    await new Promise<void>((resolve) => {
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString()
        if (/password:/.test(out)) resolve()
      })
      void exited.then(() => resolve())
    })
    const url = /Cloutility simulator listening on (http:\/\/127\.0\.0\.1:\d+\/v1\/)/.exec(out)?.[1]
    expect(url).toBeDefined()
    expect(out).toContain('desk-demo')
    expect(out).toContain('http://localhost')
    expect(out).toContain('demo@example.com')
    const res = await fetch(`${url}oauth`, {
      method: 'POST',
      headers: { Origin: 'http://localhost', 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'client_id=desk-demo&grant_type=password&username=demo@example.com&password=demo'
    })
    expect(res.status).toBe(200)
    child.kill('SIGTERM')
    expect(await exited).toBe(0)
  })

  it('exits with status 2 and usage on a bad flag', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/simulator/cli.ts', '--latency', 'slow'], { stdio: ['ignore', 'pipe', 'pipe'] })
    let err = ''
    child.stderr.on('data', (d: Buffer) => (err += d.toString()))
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve))
    expect(code).toBe(2)
    expect(err).toContain('--latency must be an integer')
    expect(err).toContain('Usage:')
  })
})

/** Parsing `npm run sim -- …` flags into SimulatorOptions, with clear errors. */
import { readFileSync } from 'node:fs'
import type { SimulatorOptions } from './index'

export const USAGE = `Usage: npm run sim -- [options]
  --port N            port on 127.0.0.1 (default 0 = random free port)
  --seed S            seed of the generated estate (default 1)
  --bunits B          number of business units (default 12)
  --consumers C       number of consumers (default 60)
  --latency MS        added latency per request
  --jitter MS         random extra latency, up to MS
  --token-lifetime S  access-token lifetime in seconds (default 299)
  --error-rate R      share 0..1 of requests answered 500/503
  --rate-429 R        share 0..1 of requests answered 429
  --empty             only the root business unit
  --test-control      serve POST /_sim/health (no OAuth) so tests can plant
                      backup failures: {"consumerId":N,"status":"failed","days":3}
  --tls-key FILE      serve https with this PEM key (with --tls-cert)
  --tls-cert FILE     the PEM certificate (chain) for --tls-key
  --public-host NAME  host name in the printed API URL (still binds 127.0.0.1)
  --help              this text`

type Kind = 'int' | 'rate'
const FLAGS: Record<string, { key: keyof SimulatorOptions; kind: Kind; min: number; max: number }> = {
  '--port': { key: 'port', kind: 'int', min: 0, max: 65_535 },
  '--seed': { key: 'seed', kind: 'int', min: 0, max: 4_294_967_295 },
  '--bunits': { key: 'bunits', kind: 'int', min: 1, max: 5_000 },
  '--consumers': { key: 'consumers', kind: 'int', min: 0, max: 100_000 },
  '--latency': { key: 'latencyMs', kind: 'int', min: 0, max: 600_000 },
  '--jitter': { key: 'jitterMs', kind: 'int', min: 0, max: 600_000 },
  '--token-lifetime': { key: 'tokenLifetimeSeconds', kind: 'int', min: 1, max: 2_592_000 },
  '--error-rate': { key: 'errorRate', kind: 'rate', min: 0, max: 1 },
  '--rate-429': { key: 'rate429', kind: 'rate', min: 0, max: 1 }
}

/** Flags whose value is text (file paths, a host name). */
const TEXT_FLAGS: Record<string, 'tlsKey' | 'tlsCert' | 'publicHost'> = { '--tls-key': 'tlsKey', '--tls-cert': 'tlsCert', '--public-host': 'publicHost' }

export type CliParse = { help: true } | { help: false; options: SimulatorOptions }

/** Throws an Error whose message is fit to print. */
export function parseCliArgs(argv: readonly string[]): CliParse {
  const options: Record<string, unknown> = {}
  const texts: Partial<Record<'tlsKey' | 'tlsCert' | 'publicHost', string>> = {}
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string
    if (arg === '--help' || arg === '-h') return { help: true }
    if (arg === '--empty') {
      options.estate = 'empty'
      continue
    }
    if (arg === '--test-control') {
      options.testControl = true
      continue
    }
    const [flag, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined]
    const text = TEXT_FLAGS[flag as string]
    if (text) {
      const value = inline ?? argv[++i]
      if (value === undefined || value === '' || (inline === undefined && value.startsWith('--'))) throw new Error(`Option ${flag} needs a value.`)
      texts[text] = value
      continue
    }
    const spec = FLAGS[flag as string]
    if (!spec) throw new Error(`Unknown option '${arg}'.`)
    const raw = inline ?? argv[++i]
    if (raw === undefined || raw === '' || (inline === undefined && raw.startsWith('--'))) {
      throw new Error(`Option ${flag} needs a value.`)
    }
    const n = Number(raw)
    const okNumber = spec.kind === 'int' ? /^\d+$/.test(raw) : /^\d*\.?\d+$/.test(raw)
    if (!okNumber || n < spec.min || n > spec.max) {
      const what = spec.kind === 'int' ? 'an integer' : 'a number'
      throw new Error(`Option ${flag} must be ${what} between ${spec.min} and ${spec.max} (got '${raw}').`)
    }
    options[spec.key] = n
  }
  if ((texts.tlsKey === undefined) !== (texts.tlsCert === undefined)) throw new Error('--tls-key and --tls-cert go together.')
  if (texts.tlsKey !== undefined && texts.tlsCert !== undefined) {
    options.tls = { key: readFileSync(texts.tlsKey, 'utf8'), cert: readFileSync(texts.tlsCert, 'utf8') }
  }
  if (texts.publicHost !== undefined) {
    if (!/^[A-Za-z0-9.-]{1,253}$/.test(texts.publicHost)) throw new Error(`--public-host must be a host name (got '${texts.publicHost}').`)
    options.publicHost = texts.publicHost
  }
  return { help: false, options: options as SimulatorOptions }
}

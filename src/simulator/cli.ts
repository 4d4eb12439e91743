/** `npm run sim -- --port N …`: run the simulator standalone (demo mode, manual testing). */
import { parseCliArgs, USAGE } from './cli-args'
import { startSimulator } from './index'

async function main(): Promise<void> {
  let parsed
  try {
    parsed = parseCliArgs(process.argv.slice(2))
  } catch (err) {
    console.error(`Error: ${(err as Error).message}\n\n${USAGE}`)
    process.exit(2)
  }
  if (parsed.help) {
    console.log(USAGE)
    return
  }
  const sim = await startSimulator(parsed.options)
  const d = sim.defaults
  console.log(`Cloutility simulator listening on ${sim.apiUrl}`)
  console.log(`  client ID: ${d.clientId}`)
  console.log(`  origin:    ${d.origin}`)
  console.log(`  user:      ${d.username}`)
  console.log(`  password:  ${d.password}`)
  console.log(`  estate:    ${sim.state.bunits.size} business units, ${sim.state.consumers.size} consumers`)
  let stopping = false
  const stop = (signal: string) => {
    if (stopping) return
    stopping = true
    console.log(`\n${signal} received, stopping simulator.`)
    void sim.close().then(() => process.exit(0))
  }
  process.on('SIGINT', () => stop('SIGINT'))
  process.on('SIGTERM', () => stop('SIGTERM'))
}

main().catch((err: unknown) => {
  console.error(`Error: ${err instanceof Error ? err.message : String(err)}`)
  process.exit(1)
})

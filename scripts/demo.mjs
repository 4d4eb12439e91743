#!/usr/bin/env node
// `npm run demo`: builds the app, starts the embedded Cloutility simulator with a seeded estate
// and opens the app pointed at it: the desktop window where the Electron binary exists, the
// browser host (printing the URL to open) where it does not.
import { spawn, spawnSync } from 'node:child_process'
import { findElectronBinary } from './electron-binary.mjs'

const build = spawnSync('npx', ['electron-vite', 'build', '--logLevel', 'warn'], { stdio: 'inherit' })
if (build.status !== 0) process.exit(build.status ?? 1)

const electron = findElectronBinary()
const port = process.env.DESK_PORT ?? '5199'
const child = electron.path
  ? spawn('npx', ['electron-vite', 'preview', '--skipBuild'], { stdio: 'inherit', env: { ...process.env, DESK_DEMO: '1' } })
  : (console.log(`Electron is not available here (${electron.missing}); opening the browser host instead.`),
    spawn('npx', ['tsx', 'src/main/web-host/cli.ts', '--demo', '--port', port, ...process.argv.slice(2)], { stdio: 'inherit' }))

for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal))
child.on('exit', (code) => process.exit(code ?? 0))

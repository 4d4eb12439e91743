import { fileURLToPath } from 'node:url'
import { defineConfig } from 'electron-vite'
import vue from '@vitejs/plugin-vue'

// Imports are relative everywhere (no aliases) so that tsx, vitest and electron-vite all resolve
// the same files the same way.
const here = (path: string): string => fileURLToPath(new URL(path, import.meta.url))

export default defineConfig({
  main: {
    build: {
      rollupOptions: {
        input: { index: here('./src/main/index.ts') },
        // Native modules stay outside the bundle; electron-builder unpacks them from asar.
        external: ['keytar', 'better-sqlite3']
      }
    }
  },
  preload: {
    build: {
      // A sandboxed preload can require only `electron`: bundle everything else (the contract, zod).
      externalizeDeps: false,
      rollupOptions: {
        input: { index: here('./src/preload/index.ts') },
        // A sandboxed preload cannot be an ES module.
        output: { format: 'cjs', entryFileNames: '[name].cjs' }
      }
    }
  },
  renderer: {
    root: here('./src/renderer'),
    build: {
      rollupOptions: { input: here('./src/renderer/index.html') }
    },
    plugins: [vue()]
  }
})

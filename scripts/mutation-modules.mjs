// The files `npm run test:mutation` mutates by default: the core modules where a silent bug costs
// most (issue 13). Shared by stryker.config.mjs and scripts/run-mutation.mjs.
export const CORE_MUTATE = [
  'src/shared/**/*.ts',
  'src/main/ipc/**/*.ts',
  'src/main/web-host/server.ts',
  'src/main/cloutility/tokens.ts',
  'src/main/cloutility/transport.ts',
  'src/main/cloutility/retry.ts',
  'src/main/cloutility/errors.ts',
  'src/main/credentials/**/*.ts',
  'src/main/accounts/**/*.ts',
  'src/main/cache/**/*.ts',
  'src/main/sync/**/*.ts'
]

/**
 * Test hooks for end-to-end runs, read from the environment only when the app is not packaged:
 * a packaged build ignores them entirely, so a user's environment cannot redirect its data.
 */
export interface TestHooks {
  /** Put all app data (accounts, caches) here instead of the OS user-data folder. */
  userDataDir?: string
}

export function readTestHooks(env: NodeJS.ProcessEnv, isPackaged: boolean): TestHooks {
  if (isPackaged || env.DESK_TEST_HOOKS !== '1') return {}
  const hooks: TestHooks = {}
  if (env.DESK_USER_DATA_DIR) hooks.userDataDir = env.DESK_USER_DATA_DIR
  return hooks
}

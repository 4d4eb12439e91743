/**
 * Default account colours: distinct hues that read as a stripe or dot on both the light and the
 * dark theme and keep white label text readable (contrast ≥ 4.5:1). A new account gets the first
 * one no other account uses, so two accounts never look alike by default.
 */
export const ACCOUNT_PALETTE = ['#1a66c9', '#18794e', '#b3470b', '#7b3fd4', '#c0265a', '#0b7285', '#5a5fc7', '#8a6100'] as const

/** The first palette colour not in `used` (case-insensitive); cycles when all are taken. */
export function nextAccountColor(used: readonly string[]): string {
  const taken = new Set(used.map((c) => c.toLowerCase()))
  const free = ACCOUNT_PALETTE.find((c) => !taken.has(c.toLowerCase()))
  return free ?? ACCOUNT_PALETTE[used.length % ACCOUNT_PALETTE.length] ?? ACCOUNT_PALETTE[0]
}

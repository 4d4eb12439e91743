/**
 * The renderer's Content-Security-Policy, built in one place. The desktop window gets
 * `connect-src 'none'` (all networking happens in main); the loopback browser host needs
 * `'self'` for its bridge.
 */
export function contentSecurityPolicy(options: { connect: "'none'" | "'self'" }): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src ${options.connect}`,
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
    "object-src 'none'"
  ].join('; ')
}

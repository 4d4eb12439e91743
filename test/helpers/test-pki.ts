/**
 * A throwaway PKI for TLS tests, minted with Debian's openssl CLI in a temp directory: a test CA
 * and a server certificate it signed (for the given DNS names and 127.0.0.1), or a self-signed
 * server certificate that nothing trusts.
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export interface TestPki {
  dir: string
  /** The CA certificate (PEM) and its file, for NODE_EXTRA_CA_CERTS or the account setting. */
  caPem: string
  caPath: string
  /** The server's key and certificate (PEM) for the TLS simulator. */
  key: string
  cert: string
}

function openssl(dir: string, args: string[]): void {
  execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] })
}

function san(names: string[]): string {
  return ['IP:127.0.0.1', ...names.map((n) => `DNS:${n}`)].join(',')
}

/** A CA "Desk Test Inspection CA" and a server certificate for `names`, signed by it. */
export function mintCaAndServer(names: string[], caName = 'Desk Test Inspection CA'): TestPki {
  const dir = mkdtempSync(join(tmpdir(), 'desk-pki-'))
  openssl(dir, ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '2', '-subj', `/CN=${caName}/O=Desk Tests`, '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign'])
  openssl(dir, ['req', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'server.key', '-out', 'server.csr', '-subj', `/CN=${names[0] ?? 'localhost'}/O=Desk Test Portal`])
  writeFileSync(join(dir, 'ext.cnf'), `subjectAltName=${san(names)}\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n`)
  openssl(dir, ['x509', '-req', '-in', 'server.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'server.pem', '-days', '2', '-extfile', 'ext.cnf'])
  return {
    dir,
    caPem: readFileSync(join(dir, 'ca.pem'), 'utf8'),
    caPath: join(dir, 'ca.pem'),
    key: readFileSync(join(dir, 'server.key'), 'utf8'),
    cert: readFileSync(join(dir, 'server.pem'), 'utf8')
  }
}

/** A self-signed server certificate for `names` (no CA vouches for it). */
export function mintSelfSigned(names: string[]): { key: string; cert: string } {
  const dir = mkdtempSync(join(tmpdir(), 'desk-pki-'))
  openssl(dir, ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'server.key', '-out', 'server.pem', '-days', '2', '-subj', `/CN=${names[0] ?? 'localhost'}/O=Self Signed Portal`, '-addext', `subjectAltName=${san(names)}`])
  return { key: readFileSync(join(dir, 'server.key'), 'utf8'), cert: readFileSync(join(dir, 'server.pem'), 'utf8') }
}

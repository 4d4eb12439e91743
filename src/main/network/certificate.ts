/**
 * Reading a PEM CA certificate a technician picked (the extra trust anchor for a TLS-inspecting
 * firewall): parse it, refuse what is not a certificate, and describe it by subject, issuer and
 * SHA-256 fingerprint so the UI can show which certificate is trusted.
 */
import { X509Certificate } from 'node:crypto'
import { DeskError } from '../../shared/errors'
import type { CertificateInfo } from '../../shared/ipc/network-models'

const PEM_BLOCK = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g

/** The certificates in a PEM text, in order; a clear field error when there are none or one is broken. */
export function parsePemCertificates(pem: string, field = 'network.caCertPem'): X509Certificate[] {
  const blocks = pem.match(PEM_BLOCK) ?? []
  if (blocks.length === 0) {
    throw new DeskError('invalid-input', 'That file is not a PEM certificate (no "BEGIN CERTIFICATE" block).', {
      fields: { [field]: 'Choose a PEM file with a CA certificate (-----BEGIN CERTIFICATE-----)' }
    })
  }
  return blocks.map((block, i) => {
    try {
      return new X509Certificate(block)
    } catch {
      throw new DeskError('invalid-input', `Certificate ${i + 1} in that file cannot be read.`, {
        fields: { [field]: `Certificate ${i + 1} in the file is damaged` }
      })
    }
  })
}

/** One line per distinguished name ("CN=…, O=…"), as people read them. */
export function distinguishedName(dn: string): string {
  return dn
    .split('\n')
    .map((part) => part.trim())
    .filter((part) => part.length > 0)
    .join(', ')
}

export function describeCertificate(cert: X509Certificate): CertificateInfo {
  return {
    subject: distinguishedName(cert.subject),
    issuer: distinguishedName(cert.issuer),
    fingerprint256: cert.fingerprint256,
    validFrom: new Date(cert.validFrom).toISOString(),
    validTo: new Date(cert.validTo).toISOString(),
    isCA: cert.ca
  }
}

/** The first certificate of the file, described; the caller stores the PEM and this fingerprint. */
export function inspectCaPem(pem: string): CertificateInfo {
  const [first] = parsePemCertificates(pem)
  return describeCertificate(first as X509Certificate)
}

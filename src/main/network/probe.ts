/**
 * After a TLS failure, look at the certificate the server (or a TLS-inspecting proxy) presented,
 * so the message can name it. A handshake only, through the same proxy: no HTTP request is sent,
 * nothing is trusted, and the socket is closed as soon as the certificate is read.
 */
import { request as httpRequest } from 'node:http'
import { request as httpsRequest } from 'node:https'
import { isIP, type Socket } from 'node:net'
import { connect as tlsConnect } from 'node:tls'
import type { PeerCertificateInfo } from '../cloutility/network-failure'
import { describeCertificate } from './certificate'

const PROBE_TIMEOUT_MS = 5000

export async function probePeerCertificate(target: URL, proxy: string | null, proxyAuth: string | undefined): Promise<PeerCertificateInfo | undefined> {
  const port = Number.parseInt(target.port, 10) || 443
  const socket = proxy ? await tunnel(new URL(proxy), `${target.hostname}:${port}`, proxyAuth) : undefined
  return new Promise((resolve) => {
    const tls = tlsConnect({
      ...(socket ? { socket } : { host: target.hostname, port }),
      ...(isIP(target.hostname) === 0 ? { servername: target.hostname } : {}),
      // Only to read the certificate for the error message; nothing is sent over this socket.
      rejectUnauthorized: false
    })
    const done = (value: PeerCertificateInfo | undefined): void => {
      clearTimeout(timer)
      tls.destroy()
      socket?.destroy()
      resolve(value)
    }
    const timer = setTimeout(() => done(undefined), PROBE_TIMEOUT_MS)
    tls.once('secureConnect', () => {
      const x509 = tls.getPeerX509Certificate()
      done(x509 ? describeCertificate(x509) : undefined)
    })
    tls.once('error', () => done(undefined))
  })
}

/** CONNECT host:port through an http(s) proxy; resolves with the tunnelled socket. */
function tunnel(proxy: URL, authority: string, proxyAuth: string | undefined): Promise<Socket> {
  const request = proxy.protocol === 'https:' ? httpsRequest : httpRequest
  return new Promise((resolve, reject) => {
    const req = request({
      host: proxy.hostname,
      port: Number.parseInt(proxy.port, 10) || (proxy.protocol === 'https:' ? 443 : 80),
      method: 'CONNECT',
      path: authority,
      headers: { host: authority, ...(proxyAuth ? { 'proxy-authorization': proxyAuth } : {}) },
      timeout: PROBE_TIMEOUT_MS
    })
    req.once('connect', (res, socket) => {
      if (res.statusCode === 200) resolve(socket)
      else {
        socket.destroy()
        reject(new Error(`proxy answered ${res.statusCode}`))
      }
    })
    req.once('timeout', () => req.destroy(new Error('proxy timeout')))
    req.once('error', reject)
    req.end()
  })
}

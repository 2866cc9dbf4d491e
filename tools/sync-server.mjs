#!/usr/bin/env node
// claimmark's team sync server: a standard Yjs websocket server (@y/websocket-server's
// setupWSConnection, documents persisted in LevelDB through y-leveldb) behind a token check, a
// read-only filter, a size limit and a check of every sync message before it reaches the document.
//
//   node tools/sync-server.mjs [--port N] [--host H] [--config FILE] [--data DIR]
//                              [--max-message-bytes N]
//
// The options can also be given in the environment: CLAIMMARK_SYNC_PORT, CLAIMMARK_SYNC_HOST,
// CLAIMMARK_SYNC_CONFIG, CLAIMMARK_SYNC_DATA, CLAIMMARK_SYNC_MAX_MESSAGE_BYTES (an option on the
// command line wins). Port 0 takes a free port; the chosen one is printed on the line
// "claimmark sync server listening on ws://HOST:PORT".
//
// A client connects to ws://HOST:PORT/<document name>?token=<token>. The config file (JSON) lists
// who may connect:
//   { "tokens": [ { "token": "...", "name": "Ada", "access": "write" },
//                 { "token": "...", "name": "Publisher page", "access": "read" } ] }
// A team token is one entry that the whole team shares. README.md ("Team sync") documents it all.
//
// Close codes the server sends (a browser reads them from the close event):
//   4401 "wrong token"          missing or unknown token; sent before any document data
//   4400 "bad document name"    empty, too long, or a character outside [A-Za-z0-9._:-]
//   4400 "malformed message"    a message that does not decode as a y-protocols message
//   1009 (from ws)              a message over the size limit
//   1001 "server shutting down" on SIGINT / SIGTERM
import crypto from 'node:crypto'
import fs from 'node:fs'
import http from 'node:http'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'

import level from 'level'
import * as decoding from 'lib0/decoding'
import { WebSocketServer } from 'ws'
import * as Y from 'yjs'

const DEFAULTS = {
  port: 1234,
  host: '127.0.0.1',
  config: 'sync-server.json',
  data: '.sync-data',
  maxMessageBytes: 1024 * 1024
}
const MAX_NAME_LENGTH = 200
const NAME_PATTERN = /^[A-Za-z0-9._:-]+$/
const TOKEN_PATTERN = /^[A-Za-z0-9._~-]{16,200}$/

export const CLOSE_WRONG_TOKEN = 4401
export const CLOSE_BAD_REQUEST = 4400

// y-protocols message types and sync sub-types (y-protocols/sync.js, y-websocket).
const MESSAGE_SYNC = 0
const MESSAGE_AWARENESS = 1
const SYNC_STEP1 = 0
const SYNC_STEP2 = 1
const SYNC_UPDATE = 2

class UsageError extends Error {}

function fail (message) {
  console.error(`claimmark sync server: ${message}`)
  process.exit(1)
}

function integerOption (name, raw, min, max) {
  if (!/^\d+$/.test(String(raw))) throw new UsageError(`${name} must be a whole number, got "${raw}"`)
  const n = Number(raw)
  if (n < min || n > max) throw new UsageError(`${name} must be between ${min} and ${max}, got ${n}`)
  return n
}

/** The options from the command line, then the environment, then the defaults. */
export function readOptions (argv, env) {
  let values
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        config: { type: 'string' },
        data: { type: 'string' },
        'max-message-bytes': { type: 'string' },
        help: { type: 'boolean', short: 'h' }
      },
      strict: true,
      allowPositionals: false
    }))
  } catch (err) {
    throw new UsageError(err.message)
  }
  const pick = (option, envName, fallback) => values[option] ?? env[envName] ?? fallback
  return {
    help: values.help === true,
    port: integerOption('--port', pick('port', 'CLAIMMARK_SYNC_PORT', DEFAULTS.port), 0, 65535),
    host: pick('host', 'CLAIMMARK_SYNC_HOST', DEFAULTS.host),
    config: path.resolve(pick('config', 'CLAIMMARK_SYNC_CONFIG', DEFAULTS.config)),
    data: path.resolve(pick('data', 'CLAIMMARK_SYNC_DATA', DEFAULTS.data)),
    maxMessageBytes: integerOption('--max-message-bytes',
      pick('max-message-bytes', 'CLAIMMARK_SYNC_MAX_MESSAGE_BYTES', DEFAULTS.maxMessageBytes),
      1024, 256 * 1024 * 1024)
  }
}

const sha256 = (text) => crypto.createHash('sha256').update(text, 'utf8').digest()

/**
 * The config file's tokens, checked: `[{ digest, name, access }]` (the tokens themselves are not
 * kept, only their SHA-256, which is what a connection's token is compared with).
 * Throws an Error naming the file and the problem.
 */
export function loadConfig (file) {
  let text
  try {
    text = fs.readFileSync(file, 'utf8')
  } catch (err) {
    if (err.code === 'ENOENT') {
      throw new Error(`${file}: no such file; copy sync-server.example.json to it and set your own tokens`)
    }
    throw new Error(`${file}: cannot be read (${err.code || err.message})`)
  }
  let config
  try {
    config = JSON.parse(text)
  } catch (err) {
    throw new Error(`${file}: not valid JSON (${err.message})`)
  }
  const problem = (what) => new Error(`${file}: ${what}`)
  if (config === null || typeof config !== 'object' || Array.isArray(config)) {
    throw problem('the file must hold a JSON object { "tokens": [...] }')
  }
  for (const key of Object.keys(config)) {
    if (key !== 'tokens') throw problem(`unknown key "${key}" (the only key is "tokens")`)
  }
  if (!Array.isArray(config.tokens) || config.tokens.length === 0) {
    throw problem('"tokens" must be a non-empty array of { "token", "name", "access" }')
  }
  const seen = new Set()
  return config.tokens.map((entry, i) => {
    const at = `tokens[${i}]`
    if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) {
      throw problem(`${at} must be an object { "token", "name", "access" }`)
    }
    for (const key of Object.keys(entry)) {
      if (!['token', 'name', 'access'].includes(key)) {
        throw problem(`${at}: unknown key "${key}" (the keys are "token", "name", "access")`)
      }
    }
    if (typeof entry.token !== 'string' || !TOKEN_PATTERN.test(entry.token)) {
      throw problem(`${at}.token must be 16 to 200 characters from A-Z a-z 0-9 . _ ~ - ` +
        '(e.g. the output of: openssl rand -hex 24)')
    }
    if (seen.has(entry.token)) throw problem(`${at}.token is the same as an earlier entry's`)
    seen.add(entry.token)
    if (typeof entry.name !== 'string' || entry.name.trim() === '' || entry.name.length > 100 ||
        /[\u0000-\u001f\u007f]/.test(entry.name)) {
      throw problem(`${at}.name must be a non-empty string of at most 100 characters, without control characters`)
    }
    if (entry.access !== 'write' && entry.access !== 'read') {
      throw problem(`${at}.access must be "write" or "read", got ${JSON.stringify(entry.access)}`)
    }
    return { digest: sha256(entry.token), name: entry.name, access: entry.access }
  })
}

/** The entry whose token is `token`, or null; every entry is compared, in constant time. */
export function findToken (entries, token) {
  if (typeof token !== 'string' || token === '') return null
  const digest = sha256(token)
  let found = null
  for (const entry of entries) {
    if (crypto.timingSafeEqual(entry.digest, digest)) found = entry
  }
  return found
}

/** Why `name` cannot name a document, or null when it can. */
export function documentNameProblem (name) {
  if (name === '') return 'empty'
  if (name.length > MAX_NAME_LENGTH) return `longer than ${MAX_NAME_LENGTH} characters`
  if (!NAME_PATTERN.test(name)) return 'a character outside A-Z a-z 0-9 . _ : -'
  return null
}

/**
 * What to do with one incoming message before @y/websocket-server sees it: 'pass', 'drop' (a
 * read-only connection's writes and awareness), or 'malformed' (it does not decode: a truncated or
 * corrupted update would otherwise be applied in part before Yjs notices, see
 * tests/sync/server.test.mjs).
 */
export function screenMessage (bytes, access) {
  try {
    const decoder = decoding.createDecoder(bytes)
    const type = decoding.readVarUint(decoder)
    if (type === MESSAGE_SYNC) {
      const step = decoding.readVarUint(decoder)
      const payload = decoding.readVarUint8Array(decoder)
      if (decoding.hasContent(decoder)) return 'malformed'
      if (step === SYNC_STEP1) {
        Y.decodeStateVector(payload)
        return 'pass'
      }
      if (step === SYNC_STEP2 || step === SYNC_UPDATE) {
        if (access !== 'write') return 'drop'
        Y.decodeUpdate(payload)
        return 'pass'
      }
      return 'malformed'
    }
    if (type === MESSAGE_AWARENESS) {
      if (access !== 'write') return 'drop'
      const payload = decoding.readVarUint8Array(decoder)
      if (decoding.hasContent(decoder)) return 'malformed'
      const inner = decoding.createDecoder(payload)
      const count = decoding.readVarUint(inner)
      for (let i = 0; i < count; i++) {
        decoding.readVarUint(inner) // client id
        decoding.readVarUint(inner) // clock
        JSON.parse(decoding.readVarString(inner))
      }
      return decoding.hasContent(inner) ? 'malformed' : 'pass'
    }
    // Auth (2) and query-awareness (3) messages, and any later type: @y/websocket-server ignores
    // them, and so does this filter.
    return 'drop'
  } catch {
    return 'malformed'
  }
}

function asBytes (data) {
  // A copy the size of the message (a Buffer may be a view into a larger pool).
  if (data instanceof ArrayBuffer) return new Uint8Array(data)
  if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data))
  return new Uint8Array(data)
}

/** A websocket URL for logs and for the tests: brackets around an IPv6 address. */
function wsUrl (host, port) {
  return `ws://${host.includes(':') ? `[${host}]` : host}:${port}`
}

/** Opens and closes the LevelDB directory once, so that a locked or unusable one is a clear error. */
async function checkDataDir (dir) {
  try {
    fs.mkdirSync(dir, { recursive: true })
  } catch (err) {
    throw new Error(`${dir}: cannot create the data directory (${err.code || err.message})`)
  }
  await new Promise((resolve, reject) => {
    const db = level(dir, {}, (err) => {
      if (err) {
        const cause = err.cause?.message || err.message
        reject(new Error(`${dir}: cannot open the LevelDB data directory (${cause})` +
          (/lock/i.test(cause) ? '; is another sync server using it?' : '')))
      } else {
        db.close((closeErr) => closeErr ? reject(closeErr) : resolve())
      }
    })
  })
}

const log = (line) => console.log(`${new Date().toISOString()} ${line}`)

export async function main (argv = process.argv.slice(2), env = process.env) {
  let options
  try {
    options = readOptions(argv, env)
  } catch (err) {
    if (err instanceof UsageError) fail(`${err.message} (see the top of tools/sync-server.mjs)`)
    throw err
  }
  if (options.help) {
    const text = fs.readFileSync(new URL(import.meta.url), 'utf8').split('\n')
    console.log(text.slice(1, text.findIndex((l) => l.startsWith('import'))).map((l) => l.replace(/^\/\/ ?/, '')).join('\n'))
    return
  }
  let tokens
  try {
    tokens = loadConfig(options.config)
    await checkDataDir(options.data)
  } catch (err) {
    fail(err.message)
  }

  // @y/websocket-server reads its LevelDB directory from YPERSISTENCE when its module loads.
  process.env.YPERSISTENCE = options.data
  const { setupWSConnection, getPersistence } = await import('@y/websocket-server/utils')

  const wss = new WebSocketServer({ noServer: true, maxPayload: options.maxMessageBytes })
  const server = http.createServer((_req, res) => {
    res.writeHead(426, { 'Content-Type': 'text/plain; charset=utf-8' })
    res.end('claimmark sync server: connect with a websocket to /<document name>?token=<token>\n')
  })
  server.on('upgrade', (req, socket, head) => {
    wss.handleUpgrade(req, socket, head, (conn) => onConnection(conn, req))
  })

  function onConnection (conn, req) {
    const from = req.socket.remoteAddress
    const url = new URL(req.url || '/', 'http://localhost')
    const entry = findToken(tokens, url.searchParams.get('token'))
    if (entry === null) {
      log(`refused ${from}: ${url.searchParams.has('token') ? 'wrong' : 'missing'} token`)
      conn.close(CLOSE_WRONG_TOKEN, 'wrong token')
      return
    }
    const docName = url.pathname.slice(1)
    const nameProblem = documentNameProblem(docName)
    if (nameProblem !== null) {
      log(`refused ${from} (${entry.name}): document name ${nameProblem}`)
      conn.close(CLOSE_BAD_REQUEST, 'bad document name')
      return
    }
    log(`connect doc=${docName} name=${JSON.stringify(entry.name)} access=${entry.access} from=${from}`)

    // setupWSConnection listens to 'message'; the filter sits in front of every listener by
    // wrapping this connection's emit, so a dropped or malformed message reaches none of them.
    const emit = conn.emit
    conn.emit = function (event, ...args) {
      if (event === 'message') {
        const [data, isBinary] = args
        const verdict = isBinary === false ? 'malformed' : screenMessage(asBytes(data), entry.access)
        if (verdict === 'drop') return false
        if (verdict === 'malformed') {
          log(`closed doc=${docName} name=${JSON.stringify(entry.name)}: malformed message`)
          conn.close(CLOSE_BAD_REQUEST, 'malformed message')
          return false
        }
      }
      return emit.call(this, event, ...args)
    }
    // ws reports a protocol error (such as a message over maxPayload) as an 'error' event, then
    // closes the connection; without a listener the event would end the process.
    conn.on('error', (err) => {
      if (err.code !== 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH') {
        log(`error doc=${docName} name=${JSON.stringify(entry.name)}: ${err.message}`)
      }
    })
    conn.on('close', (code) => {
      if (code === 1009) log(`closed doc=${docName} name=${JSON.stringify(entry.name)}: message over ${options.maxMessageBytes} bytes`)
    })
    setupWSConnection(conn, req, { docName })
  }

  server.on('error', (err) => {
    fail(err.code === 'EADDRINUSE'
      ? `${wsUrl(options.host, options.port)} is in use (choose another --port)`
      : `cannot listen on ${wsUrl(options.host, options.port)} (${err.code || err.message})`)
  })
  server.listen(options.port, options.host, () => {
    const { port } = server.address()
    console.log(`claimmark sync server listening on ${wsUrl(options.host, port)} ` +
      `(config ${options.config}, ${tokens.length} token${tokens.length === 1 ? '' : 's'}; ` +
      `data ${options.data}; messages up to ${options.maxMessageBytes} bytes)`)
  })

  let stopping = false
  const stop = async (signal) => {
    if (stopping) return
    stopping = true
    log(`${signal}: closing connections and the data directory`)
    for (const conn of wss.clients) conn.close(1001, 'server shutting down')
    server.close()
    await getPersistence()?.provider?.destroy()
    process.exit(0)
  }
  process.on('SIGINT', () => stop('SIGINT'))
  process.on('SIGTERM', () => stop('SIGTERM'))
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await main()
}

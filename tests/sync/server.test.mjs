// The team sync server (tools/sync-server.mjs), driven by raw websocket clients speaking the
// y-protocols sync protocol (and once by y-websocket's own client): tokens, read-only access, the
// size limit, malformed messages, and LevelDB persistence across restarts. Needs no browser:
// node --test tests/sync/
import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { after, before, describe, test } from 'node:test'
import { fileURLToPath } from 'node:url'

import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import WebSocket from 'ws'
import * as awarenessProtocol from 'y-protocols/awareness'
import * as syncProtocol from 'y-protocols/sync'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'

import { documentNameProblem, findToken, loadConfig, readOptions } from '../../tools/sync-server.mjs'

const SERVER = fileURLToPath(new URL('../../tools/sync-server.mjs', import.meta.url))
const MAX_MESSAGE = 64 * 1024

const TOKENS = {
  team: 'team-token-3f9a1c2b7d4e5f60',
  ada: 'ada-token-8b1e2d3c4a5f6071',
  reader: 'reader-token-c0ffee1234567890'
}
const CONFIG = {
  tokens: [
    { token: TOKENS.team, name: 'team', access: 'write' },
    { token: TOKENS.ada, name: 'Ada', access: 'write' },
    { token: TOKENS.reader, name: 'Publisher page', access: 'read' }
  ]
}

const tmpRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'claimmark-sync-test-'))
const configFile = path.join(tmpRoot, 'sync-server.json')
fs.writeFileSync(configFile, JSON.stringify(CONFIG))
/** Everything every server printed, checked at the end for tokens. */
const allOutput = []

/** Every server process still running, stopped at the end even when a test failed. */
const running = new Set()

/** Starts the server on a free port; resolves once it prints the port. */
function startServer ({ data, port = 0, extra = [] } = {}) {
  const proc = spawn(process.execPath, [SERVER, '--port', String(port), '--config', configFile,
    '--data', data, '--max-message-bytes', String(MAX_MESSAGE), ...extra], { stdio: ['ignore', 'pipe', 'pipe'] })
  running.add(proc)
  proc.on('exit', () => running.delete(proc))
  let output = ''
  const exited = new Promise((resolve) => proc.on('exit', (code, signal) => resolve({ code, signal })))
  return new Promise((resolve, reject) => {
    let listening = false
    const onOutput = (chunk) => {
      output += chunk
      allOutput.push(String(chunk))
      const m = /claimmark sync server listening on ws:\/\/127\.0\.0\.1:(\d+)/.exec(output)
      if (m && !listening) {
        listening = true
        resolve({
          proc,
          port: Number(m[1]),
          url: (doc, token) => `ws://127.0.0.1:${m[1]}/${doc}${token === undefined ? '' : `?token=${token}`}`,
          output: () => output,
          exited,
          stop: async (signal = 'SIGTERM') => { proc.kill(signal); return exited }
        })
      }
    }
    proc.stdout.on('data', onOutput)
    proc.stderr.on('data', onOutput)
    exited.then(({ code }) => { if (!listening) reject(new Error(`server exited with ${code} before listening:\n${output}`)) })
  })
}

async function waitFor (predicate, what, ms = 10000) {
  const start = Date.now()
  while (!predicate()) {
    if (Date.now() - start > ms) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}

const syncMessage = (write) => {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, 0)
  write(encoder)
  return encoding.toUint8Array(encoder)
}
const updateMessage = (update) => syncMessage((e) => syncProtocol.writeUpdate(e, update))

/** A y-protocols client over a raw websocket, with its own Y.Doc (or a given one). */
class Client {
  constructor (url, doc = new Y.Doc()) {
    this.doc = doc
    this.awareness = new awarenessProtocol.Awareness(doc)
    this.received = []
    this.step2s = 0
    this.ws = new WebSocket(url)
    this.ws.binaryType = 'arraybuffer'
    this.closeEvent = null
    this.closed = new Promise((resolve) => this.ws.on('close', (code, reason) => {
      this.closeEvent = { code, reason: reason.toString() }
      doc.off('update', this.onUpdate)
      this.awareness.destroy() // its timer would keep the test process alive
      resolve(this.closeEvent)
    }))
    this.ws.on('error', () => {})
    this.opened = new Promise((resolve) => this.ws.on('open', resolve))
    this.onUpdate = (update, origin) => {
      if (origin !== this && this.ws.readyState === WebSocket.OPEN) this.ws.send(updateMessage(update))
    }
    doc.on('update', this.onUpdate)
    this.ws.on('open', () => this.ws.send(syncMessage((e) => syncProtocol.writeSyncStep1(e, doc))))
    this.ws.on('message', (data) => {
      const bytes = new Uint8Array(data)
      this.received.push(bytes)
      const decoder = decoding.createDecoder(bytes)
      const type = decoding.readVarUint(decoder)
      if (type === 0) {
        const encoder = encoding.createEncoder()
        encoding.writeVarUint(encoder, 0)
        const step = syncProtocol.readSyncMessage(decoder, encoder, doc, this)
        if (encoding.length(encoder) > 1) this.ws.send(encoding.toUint8Array(encoder))
        if (step === syncProtocol.messageYjsSyncStep2) this.step2s++
      } else if (type === 1) {
        awarenessProtocol.applyAwarenessUpdate(this.awareness, decoding.readVarUint8Array(decoder), this)
      }
    })
  }

  /** Resolves once the server has answered this client's first sync step 1. */
  async ready () {
    await waitFor(() => this.step2s > 0 || this.closeEvent !== null, 'the first sync')
    assert.equal(this.closeEvent, null, 'the connection was closed')
    return this
  }

  /**
   * A barrier: the server handles one connection's messages in order, so once it answers a new
   * sync step 1, it has handled everything this client sent before. Resolves early on a close.
   */
  async barrier () {
    if (this.ws.readyState !== WebSocket.OPEN) return
    const before = this.step2s
    this.ws.send(syncMessage((e) => syncProtocol.writeSyncStep1(e, this.doc)))
    await waitFor(() => this.step2s > before || this.closeEvent !== null, 'a sync answer')
  }

  /** The close event, or a failure after `ms` without one. */
  closedSoon (ms = 5000) {
    let timer
    const timeout = new Promise((_resolve, reject) => {
      timer = setTimeout(() => reject(new Error(`the connection was not closed within ${ms} ms`)), ms)
    })
    return Promise.race([this.closed, timeout]).finally(() => clearTimeout(timer))
  }

  send (bytes) { this.ws.send(bytes) }
  close () { this.ws.close(); return this.closed }
}

const annotations = (doc) => doc.getMap('annotations').toJSON()

/** What a newly connected client receives of `doc` on `server`. */
async function fetchState (server, doc) {
  const c = await new Client(server.url(doc, TOKENS.team)).ready()
  await c.barrier()
  const state = { json: annotations(c.doc), stateVector: Array.from(Y.encodeStateVector(c.doc)) }
  await c.close()
  return state
}

/** Sets one annotation field in `doc`, as the widget's per-annotation Y.Maps will. */
function setField (doc, id, field, value) {
  doc.transact(() => {
    const all = doc.getMap('annotations')
    let one = all.get(id)
    if (one === undefined) {
      one = new Y.Map()
      all.set(id, one)
    }
    one.set(field, value)
  })
}

describe('sync server', () => {
  let server
  const data = path.join(tmpRoot, 'data-shared')

  before(async () => { server = await startServer({ data }) })
  after(async () => { await server?.stop() })

  test('two clients with the team token converge on Y.Map edits', async () => {
    const a = await new Client(server.url('article-converge', TOKENS.team)).ready()
    const b = await new Client(server.url('article-converge', TOKENS.ada)).ready()
    setField(a.doc, 'c1', 'verdict', 'true')
    await waitFor(() => annotations(b.doc).c1?.verdict === 'true', 'B to see A\'s edit')
    setField(b.doc, 'c2', 'note', 'from B')
    await waitFor(() => annotations(a.doc).c2?.note === 'from B', 'A to see B\'s edit')
    // The same field at once: both end with the same value.
    setField(a.doc, 'c1', 'note', 'A')
    setField(b.doc, 'c1', 'note', 'B')
    await waitFor(() => annotations(a.doc).c1.note === annotations(b.doc).c1.note, 'A and B to agree')
    assert.deepEqual(annotations(a.doc), annotations(b.doc))
    assert.deepEqual((await fetchState(server, 'article-converge')).json, annotations(a.doc))
    await a.close()
    await b.close()
  })

  for (const [what, token] of [['a wrong token', 'not-a-token-at-all-0000'], ['no token', undefined], ['an empty token', '']]) {
    test(`${what} is refused with 4401 before any document data`, async () => {
      const writer = await new Client(server.url('article-secret', TOKENS.team)).ready()
      setField(writer.doc, 'c1', 'text', 'secret figure')
      await writer.barrier()
      const intruder = new Client(server.url('article-secret', token))
      const { code, reason } = await intruder.closedSoon()
      assert.equal(code, 4401)
      assert.equal(reason, 'wrong token')
      assert.equal(intruder.received.length, 0, 'no message reached a refused client')
      assert.deepEqual(annotations(intruder.doc), {})
      await writer.close()
    })
  }

  test('a token elsewhere in the URL does not count; only ?token= does', async () => {
    const c = new Client(`ws://127.0.0.1:${server.port}/article-secret&token=${TOKENS.team}`)
    assert.equal((await c.closedSoon()).code, 4401)
  })

  for (const [what, name] of [['empty', ''], ['too long', 'a'.repeat(201)], ['a slash', 'a/b'], ['a space', 'a%20b'], ['a dot-dot path', '..%2F..%2Fetc']]) {
    test(`a document name that is ${what} is refused with 4400`, async () => {
      const c = new Client(server.url(name, TOKENS.team))
      const { code, reason } = await c.closedSoon()
      assert.equal(code, 4400)
      assert.equal(reason, 'bad document name')
      assert.equal(c.received.length, 0)
    })
  }

  test('a 200-character name with every allowed character is accepted', async () => {
    const name = ('Az09._:-'.repeat(25)).slice(0, 200)
    const c = await new Client(server.url(name, TOKENS.team)).ready()
    await c.close()
  })

  test('a read-only token receives the document and live updates, and cannot write', async () => {
    const doc = 'article-readonly'
    const writer = await new Client(server.url(doc, TOKENS.team)).ready()
    setField(writer.doc, 'c1', 'verdict', 'false')
    await writer.barrier()

    const reader = await new Client(server.url(doc, TOKENS.reader)).ready()
    await waitFor(() => annotations(reader.doc).c1?.verdict === 'false', 'the reader to receive the document')
    setField(writer.doc, 'c2', 'verdict', 'true')
    await waitFor(() => annotations(reader.doc).c2?.verdict === 'true', 'the reader to receive a live update')

    // The reader's own edits (update messages), its sync step 2 with them (sent when it answers
    // the server's step 1 on a new connection), and its awareness are dropped.
    const before = await fetchState(server, doc)
    setField(reader.doc, 'c1', 'verdict', 'reader was here')
    setField(reader.doc, 'c3', 'text', 'from the reader')
    reader.send(syncMessage((e) => syncProtocol.writeSyncStep2(e, reader.doc)))
    reader.awareness.setLocalState({ name: 'reader' })
    reader.send(new Uint8Array([1, ...encodingOf((e) => encoding.writeVarUint8Array(e,
      awarenessProtocol.encodeAwarenessUpdate(reader.awareness, [reader.doc.clientID])))]))
    const reader2 = await new Client(server.url(doc, TOKENS.reader), reader.doc).ready()
    await reader.barrier()
    await reader2.barrier()
    await writer.barrier()

    assert.equal(reader.closeEvent, null, 'the reader stays connected')
    assert.equal(annotations(writer.doc).c1.verdict, 'false')
    assert.equal(annotations(writer.doc).c3, undefined)
    assert.equal(writer.awareness.getStates().has(reader.doc.clientID), false, 'the reader\'s awareness was dropped')
    assert.deepEqual(await fetchState(server, doc), before)

    // And the reader still follows the writers afterwards.
    setField(writer.doc, 'c4', 'verdict', 'mixed')
    await waitFor(() => annotations(reader2.doc).c4?.verdict === 'mixed', 'the reader to follow later edits')
    await Promise.all([writer.close(), reader.close(), reader2.close()])
  })

  test('a writer\'s awareness reaches the other clients', async () => {
    const a = await new Client(server.url('article-awareness', TOKENS.team)).ready()
    const b = await new Client(server.url('article-awareness', TOKENS.ada)).ready()
    a.awareness.setLocalState({ name: 'Ada', claim: 'c7' })
    a.send(new Uint8Array([1, ...encodingOf((e) => encoding.writeVarUint8Array(e,
      awarenessProtocol.encodeAwarenessUpdate(a.awareness, [a.doc.clientID])))]))
    await waitFor(() => b.awareness.getStates().get(a.doc.clientID)?.claim === 'c7', 'B to see A\'s awareness')
    await Promise.all([a.close(), b.close()])
  })

  test('a message over the size limit closes that connection with 1009 and changes nothing', async () => {
    const doc = 'article-big'
    const observer = await new Client(server.url(doc, TOKENS.team)).ready()
    setField(observer.doc, 'c1', 'text', 'small')
    await observer.barrier()
    const before = await fetchState(server, doc)

    const sender = await new Client(server.url(doc, TOKENS.team), new Y.Doc()).ready()
    const big = new Y.Doc()
    setField(big, 'c2', 'text', 'x'.repeat(MAX_MESSAGE + 1))
    sender.send(updateMessage(Y.encodeStateAsUpdate(big)))
    assert.equal((await sender.closedSoon()).code, 1009)
    await observer.barrier()
    assert.equal(observer.closeEvent, null)
    assert.equal(annotations(observer.doc).c2, undefined)
    assert.deepEqual(await fetchState(server, doc), before)

    // Just under the limit passes.
    const fits = new Y.Doc()
    setField(fits, 'c3', 'text', 'y'.repeat(MAX_MESSAGE - 200))
    const sender2 = await new Client(server.url(doc, TOKENS.team), fits).ready()
    await waitFor(() => annotations(observer.doc).c3 !== undefined, 'a message under the limit to pass')
    await Promise.all([observer.close(), sender2.close()])
  })

  test('malformed messages change nothing, and the server keeps serving others', async () => {
    const doc = 'article-malformed'
    const observer = await new Client(server.url(doc, TOKENS.team)).ready()
    setField(observer.doc, 'c1', 'verdict', 'true')
    await observer.barrier()
    const before = await fetchState(server, doc)

    // A valid update of new content, then cut: Yjs itself would integrate the structs of an
    // update that lacks only its delete set, and throw afterwards.
    const other = new Y.Doc()
    setField(other, 'c2', 'text', 'injected')
    const update = Y.encodeStateAsUpdate(other)
    let seed = 21
    const random = (n) => Uint8Array.from({ length: n }, () => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed >> 16 & 255 })
    const bad = [
      ['a truncated update (last byte cut)', updateMessage(update.slice(0, update.length - 1))],
      ['a truncated update (half)', updateMessage(update.slice(0, update.length >> 1))],
      ['a truncated sync message', updateMessage(update).slice(0, update.length)],
      ['an update with bytes after it', new Uint8Array([...updateMessage(update), 7, 7])],
      ['random bytes after a sync-update header', new Uint8Array([0, 2, 60, ...random(60)])],
      ['random bytes after a sync-step-2 header', new Uint8Array([0, 1, ...random(80)])],
      ['random bytes after an awareness header', new Uint8Array([1, 40, ...random(40)])],
      ['random bytes', random(200)],
      ['an unknown sync step', new Uint8Array([0, 9, 0])],
      ['a text frame', 'hello']
    ]
    for (const [what, bytes] of bad) {
      const sender = await new Client(server.url(doc, TOKENS.team), new Y.Doc()).ready()
      sender.send(bytes)
      await sender.barrier()
      await observer.barrier()
      assert.equal(observer.closeEvent, null, `${what}: the observer is still connected`)
      assert.deepEqual(annotations(observer.doc), before.json, `${what}: the observer's document is unchanged`)
      assert.deepEqual(await fetchState(server, doc), before, `${what}: the server's document is unchanged`)
      if (sender.closeEvent !== null) {
        assert.deepEqual(sender.closeEvent, { code: 4400, reason: 'malformed message' }, what)
      }
      await sender.close()
    }
    // The truncated update is refused by closing the connection, not only ignored.
    const cut = await new Client(server.url(doc, TOKENS.team), new Y.Doc()).ready()
    cut.send(updateMessage(update.slice(0, update.length - 1)))
    assert.deepEqual(await cut.closedSoon(), { code: 4400, reason: 'malformed message' })

    // The server still serves edits afterwards.
    const writer = await new Client(server.url(doc, TOKENS.ada)).ready()
    setField(writer.doc, 'c9', 'verdict', 'false')
    await waitFor(() => annotations(observer.doc).c9?.verdict === 'false', 'a later edit to reach the observer')
    await Promise.all([observer.close(), writer.close()])
  })

  test('the standard y-websocket client (WebsocketProvider) syncs, and reads 4401 for a wrong token', async () => {
    const url = `ws://127.0.0.1:${server.port}`
    const options = (token) => ({ WebSocketPolyfill: WebSocket, params: { token }, disableBc: true })
    const [da, db, dw] = [new Y.Doc(), new Y.Doc(), new Y.Doc()]
    const providers = []
    try {
      const pa = new WebsocketProvider(url, 'article-provider', da, options(TOKENS.team))
      const pb = new WebsocketProvider(url, 'article-provider', db, options(TOKENS.ada))
      providers.push(pa, pb)
      await waitFor(() => pa.synced && pb.synced, 'both providers to sync')
      setField(da, 'c1', 'verdict', 'true')
      await waitFor(() => annotations(db).c1?.verdict === 'true', 'B\'s provider to receive A\'s edit')

      const closes = []
      const pw = new WebsocketProvider(url, 'article-provider', dw, options('wrong-token-0000000000'))
      providers.push(pw)
      pw.on('connection-close', (event) => { closes.push({ code: event?.code, reason: event?.reason }); pw.shouldConnect = false })
      await waitFor(() => closes.length > 0, 'the wrong token\'s close event')
      assert.deepEqual(closes[0], { code: 4401, reason: 'wrong token' })
      assert.equal(pw.synced, false)
      assert.deepEqual(annotations(dw), {})
    } finally {
      for (const p of providers) p.destroy()
      for (const d of [da, db, dw]) d.destroy() // and with it each provider's awareness timer
    }
  })

  test('the logs name the person and the access, and never a token', async () => {
    const out = server.output()
    assert.match(out, /connect doc=article-readonly name="Publisher page" access=read/)
    assert.match(out, /connect doc=article-converge name="Ada" access=write/)
    for (const token of Object.values(TOKENS)) assert.equal(allOutput.join('').includes(token), false)
  })
})

const encodingOf = (write) => {
  const encoder = encoding.createEncoder()
  write(encoder)
  return encoding.toUint8Array(encoder)
}

const logFilesContain = (dir, text) => fs.readdirSync(dir).some((f) =>
  f.endsWith('.log') && fs.readFileSync(path.join(dir, f)).includes(Buffer.from(text)))

describe('persistence', () => {
  test('a server killed and restarted keeps the document', async () => {
    const data = path.join(tmpRoot, 'data-restart')
    let server = await startServer({ data })
    const a = await new Client(server.url('article-persist', TOKENS.team)).ready()
    setField(a.doc, 'c1', 'verdict', 'true')
    await a.barrier()
    await a.close()
    // A graceful stop (SIGTERM) ...
    assert.deepEqual(await server.stop('SIGTERM'), { code: 0, signal: null })
    server = await startServer({ data })
    const b = await new Client(server.url('article-persist', TOKENS.team)).ready()
    await waitFor(() => annotations(b.doc).c1?.verdict === 'true', 'the document after a restart')
    // ... and a kill (SIGKILL) with a client still connected.
    setField(b.doc, 'c2', 'verdict', 'written-before-the-kill')
    await b.barrier()
    // LevelDB writes the update to its log file (values uncompressed) soon after the server
    // applies it; kill once it is there, as a crash after a write would.
    await waitFor(() => logFilesContain(data, 'written-before-the-kill'), 'the update in LevelDB\'s log')
    await server.stop('SIGKILL')
    assert.equal((await b.closedSoon()).code, 1006)
    server = await startServer({ data })
    const c = await new Client(server.url('article-persist', TOKENS.team)).ready()
    await waitFor(() => annotations(c.doc).c2?.verdict === 'written-before-the-kill', 'the document after a kill')
    assert.deepEqual(annotations(c.doc), { c1: { verdict: 'true' }, c2: { verdict: 'written-before-the-kill' } })
    await c.close()
    await server.stop()
  })

  test('a client that reconnects after the data directory was wiped sends its state again', async () => {
    const data = path.join(tmpRoot, 'data-wipe')
    let server = await startServer({ data })
    const local = new Y.Doc()
    let a = await new Client(server.url('article-wipe', TOKENS.team), local).ready()
    setField(local, 'c1', 'verdict', 'true')
    await a.barrier()
    await server.stop('SIGKILL')
    await a.closedSoon()
    // Edits made while the server is down stay local.
    setField(local, 'c2', 'note', 'offline edit')
    fs.rmSync(data, { recursive: true, force: true })
    server = await startServer({ data })
    const empty = await fetchState(server, 'article-wipe')
    assert.deepEqual(empty.json, {}, 'the wiped server starts empty')
    a = await new Client(server.url('article-wipe', TOKENS.team), local).ready()
    await a.barrier()
    const after = await fetchState(server, 'article-wipe')
    assert.deepEqual(after.json, { c1: { verdict: 'true' }, c2: { note: 'offline edit' } })
    await a.close()
    await server.stop()
  })

  test('a second server on the same data directory is refused with a clear error', async () => {
    const data = path.join(tmpRoot, 'data-locked')
    const server = await startServer({ data })
    await assert.rejects(startServer({ data }), /cannot open the LevelDB data directory.*another sync server/s)
    await server.stop()
  })
})

describe('configuration', () => {
  const write = (name, text) => {
    const file = path.join(tmpRoot, name)
    fs.writeFileSync(file, text)
    return file
  }

  test('a bad config file exits non-zero, naming the file and the problem', async () => {
    const file = write('bad-access.json', JSON.stringify({ tokens: [{ token: TOKENS.team, name: 'team', access: 'admin' }] }))
    const proc = spawn(process.execPath, [SERVER, '--port', '0', '--config', file, '--data', path.join(tmpRoot, 'unused')], { stdio: ['ignore', 'ignore', 'pipe'] })
    let stderr = ''
    proc.stderr.on('data', (c) => { stderr += c })
    const code = await new Promise((resolve) => proc.on('exit', resolve))
    assert.equal(code, 1)
    assert.match(stderr, new RegExp(`${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: tokens\\[0\\]\\.access must be "write" or "read"`))
    assert.equal(fs.existsSync(path.join(tmpRoot, 'unused')), false, 'nothing was created')
  })

  const cases = [
    ['a missing file', null, /no such file; copy sync-server.example.json/],
    ['invalid JSON', '{"tokens": [', /not valid JSON/],
    ['an array', '[]', /must hold a JSON object/],
    ['no tokens', '{"tokens": []}', /non-empty array/],
    ['an unknown key', `{"tokens": [{"token": "${TOKENS.team}", "name": "t", "access": "write"}], "port": 1}`, /unknown key "port"/],
    ['a misspelt entry key', `{"tokens": [{"token": "${TOKENS.team}", "name": "t", "acess": "write"}]}`, /tokens\[0\]: unknown key "acess"/],
    ['a short token', '{"tokens": [{"token": "abc", "name": "t", "access": "write"}]}', /tokens\[0\]\.token must be 16 to 200/],
    ['a token with a space', '{"tokens": [{"token": "abc defghijklmnopqrst", "name": "t", "access": "write"}]}', /tokens\[0\]\.token/],
    ['a duplicate token', `{"tokens": [{"token": "${TOKENS.team}", "name": "a", "access": "write"}, {"token": "${TOKENS.team}", "name": "b", "access": "read"}]}`, /tokens\[1\]\.token is the same/],
    ['an empty name', `{"tokens": [{"token": "${TOKENS.team}", "name": " ", "access": "write"}]}`, /tokens\[0\]\.name/],
    ['no access', `{"tokens": [{"token": "${TOKENS.team}", "name": "a"}]}`, /tokens\[0\]\.access must be "write" or "read", got undefined/]
  ]
  for (const [what, text, message] of cases) {
    test(`the config file: ${what}`, () => {
      const file = text === null ? path.join(tmpRoot, 'does-not-exist.json') : write(`case-${what.replace(/\W+/g, '-')}.json`, text)
      assert.throws(() => loadConfig(file), (err) => err.message.startsWith(`${file}: `) && message.test(err.message))
    })
  }

  test('the shipped example config loads', () => {
    const entries = loadConfig(fileURLToPath(new URL('../../sync-server.example.json', import.meta.url)))
    assert.ok(entries.some((e) => e.access === 'read') && entries.some((e) => e.access === 'write'))
  })

  test('tokens are matched exactly', () => {
    const entries = loadConfig(configFile)
    assert.equal(findToken(entries, TOKENS.ada).name, 'Ada')
    assert.equal(findToken(entries, TOKENS.reader).access, 'read')
    for (const wrong of [TOKENS.ada.slice(0, -1), `${TOKENS.ada}x`, TOKENS.ada.toUpperCase(), '', null, undefined]) {
      assert.equal(findToken(entries, wrong), null, String(wrong))
    }
  })

  test('document names', () => {
    assert.equal(documentNameProblem('wikinews:2024-05-01_some.article'), null)
    assert.match(documentNameProblem(''), /empty/)
    assert.match(documentNameProblem('x'.repeat(201)), /longer than 200/)
    assert.match(documentNameProblem('é'), /outside/)
  })

  test('options: defaults, the environment, and the command line', () => {
    const d = readOptions([], {})
    assert.equal(d.port, 1234)
    assert.equal(d.host, '127.0.0.1')
    assert.equal(d.maxMessageBytes, 1048576)
    assert.equal(d.config, path.resolve('sync-server.json'))
    assert.equal(d.data, path.resolve('.sync-data'))
    const e = readOptions(['--port', '0'], { CLAIMMARK_SYNC_PORT: '4000', CLAIMMARK_SYNC_HOST: '::1', CLAIMMARK_SYNC_MAX_MESSAGE_BYTES: '2048' })
    assert.equal(e.port, 0)
    assert.equal(e.host, '::1')
    assert.equal(e.maxMessageBytes, 2048)
    assert.throws(() => readOptions(['--port', '70000'], {}), /--port must be between 0 and 65535/)
    assert.throws(() => readOptions(['--max-message-bytes', '1k'], {}), /whole number/)
    assert.throws(() => readOptions(['extra'], {}))
  })
})

after(() => {
  for (const proc of running) proc.kill('SIGKILL')
  fs.rmSync(tmpRoot, { recursive: true, force: true })
})

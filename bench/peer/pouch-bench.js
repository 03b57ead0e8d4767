// The sync peer Koers is measured against (python -m bench.sync_first --peer).
//
// PouchDB (LevelDB) replicates N documents shaped like Koers records (per 100: a case, then
// its contacts, goals, agreements and safety plans; synthetic Dutch text, about 550 B of JSON
// each) to an express-pouchdb server on 127.0.0.1, then a fresh PouchDB database replicates
// them all back (a new laptop). The server runs in its own node process, as Koers' server
// runs in its own Python process: client and server each have a core, as in production.
// --one-process runs the server in the client's process instead (the way the figures in
// issue 17 were taken; its CPU then counts as the client's).
//
//   NODE_PATH=~/.cache/koers-peer/node_modules node bench/peer/pouch-bench.js [--one-process] 50000
//
// Prints one line of JSON: seconds and docs/s of the push and the pull, the mean JSON size
// of a document, the request bytes per document of the push and the response bytes per
// document of the pull (as sent on the socket), and the CPU seconds of client and server in
// each phase. Set-up: bench/README.md (the modules live outside the repository).
'use strict';

const { fork } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const BATCH = 500; // docs per replication request (PouchDB's default is 100)

function cpuSeconds(since) {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1e6;
}

// --- the server process ----------------------------------------------------------------------

// The express-pouchdb server; resolves to { port, reset(), stats(), stop() }.
function serve(dir) {
  const express = require('express');
  const PouchDB = require('pouchdb-node');
  const ServerDB = PouchDB.defaults({ prefix: path.join(dir, 'srv-') });
  const counted = { requestBytes: 0, responseBytes: 0 };
  let cpuStart = process.cpuUsage();
  const app = express();
  app.use((req, res, next) => {
    // Bytes of the bodies as they cross the socket (after compression, which the
    // express-pouchdb app below applies by wrapping these same methods).
    counted.requestBytes += parseInt(req.headers['content-length'] || '0', 10);
    const write = res.write;
    const end = res.end;
    res.write = function (chunk, encoding, cb) {
      if (chunk) counted.responseBytes += Buffer.byteLength(chunk, encoding);
      return write.call(this, chunk, encoding, cb);
    };
    res.end = function (chunk, encoding, cb) {
      if (chunk && typeof chunk !== 'function') {
        counted.responseBytes += Buffer.byteLength(chunk, typeof encoding === 'string' ? encoding : undefined);
      }
      return end.call(this, chunk, encoding, cb);
    };
    next();
  });
  app.use('/', require('express-pouchdb')(ServerDB, {
    mode: 'minimumForPouchDB',
    logPath: path.join(dir, 'server-log.txt'),
  }));
  return new Promise((resolve) => {
    const server = app.listen(0, '127.0.0.1', () => resolve({
      port: server.address().port,
      reset() {
        counted.requestBytes = 0;
        counted.responseBytes = 0;
        cpuStart = process.cpuUsage();
      },
      stats: () => ({ ...counted, cpu_s: cpuSeconds(cpuStart) }),
      stop: () => new Promise((done) => server.close(done)),
    }));
  });
}

// The server in a child process, driven over IPC (`--serve DIR`).
async function serveChild(dir) {
  const server = await serve(dir);
  process.on('message', (message) => {
    if (message === 'reset') {
      server.reset();
      process.send({ reset: true });
    } else if (message === 'stats') {
      process.send({ stats: server.stats() });
    } else if (message === 'stop') {
      process.exit(0);
    }
  });
  process.send({ port: server.port });
}

function ask(child, message, key) {
  return new Promise((resolve) => {
    const listener = (answer) => {
      if (answer && answer[key] !== undefined) {
        child.off('message', listener);
        resolve(answer[key]);
      }
    };
    child.on('message', listener);
    child.send(message);
  });
}

// The server as the client sees it: in a child process, or (--one-process) in this one,
// where its CPU cannot be told apart from the client's (all of it counts as the client's).
async function startServer(dir, oneProcess) {
  if (oneProcess) {
    const server = await serve(dir);
    return { port: server.port, reset: async () => server.reset(),
      stats: async () => ({ ...server.stats(), cpu_s: 0 }), stop: () => server.stop() };
  }
  const child = fork(__filename, ['--serve', dir], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  const port = await new Promise((resolve, reject) => {
    child.once('message', (m) => resolve(m.port));
    child.once('exit', (code) => reject(new Error(`peer server exited (${code})`)));
  });
  return {
    port,
    reset: () => ask(child, 'reset', 'reset'),
    stats: () => ask(child, 'stats', 'stats'),
    stop: () => new Promise((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', resolve);
      child.send('stop');
    }),
  };
}

// --- documents like Koers records --------------------------------------------------------------

function random(seed) { // mulberry32: the same documents every run
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function makeDocs(n, seed) {
  const rnd = random(seed);
  const pick = (list) => list[Math.floor(rnd() * list.length)];
  const uuid = () => 'xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx'.replace(/[xy]/g, (c) => {
    const r = Math.floor(rnd() * 16);
    return (c === 'x' ? r : (r & 0x3) | 0x8).toString(16);
  });
  const day = (offset) => new Date(Date.UTC(2026, 0, 1 + offset)).toISOString().slice(0, 10);
  const sentences = [
    'Cliënt is gespannen over de omgangsregeling; signaleringsplan besproken.',
    'Huisbezoek samen met de wijkagent, kinderen waren op school.',
    'Veiligheidsafspraken doorgenomen, partner houdt zich aan het contactverbod.',
    'Aanvraag schuldhulp ingediend; volgende week samen naar het wijkteam.',
    'Cliënt slaapt slecht en wil praten met de huisarts over de spanning thuis.',
    'Zus is bereid de kinderen op te vangen als het thuis onrustig wordt.',
    'Besproken wat te doen als de ex-partner weer voor de deur staat.',
    'Woning is rustig; afspraken over geld en post zijn nagekomen.',
  ];
  const workers = ['trajectbegeleider D. Bakker', 'trajectbegeleider A. Visser', 'trajectbegeleider B. Smit'];
  const domains = ['huisvesting', 'financien', 'basale_adl', 'instrumentele_adl', 'sociaal_netwerk',
    'huiselijke_relaties', 'maatschappelijke_participatie', 'geestelijke_gezondheid'];
  const names = ['Ilse Broekink', 'Sanne de Wit', 'Fatima el Amrani', 'Noor Jansen', 'Kim Verhoef'];
  const docs = [];
  let caseId = null;
  let caseNo = 0;
  for (let i = 0; i < n; i++) {
    const base = { _id: uuid() };
    if (i % 100 === 0) { // a case: a larger record, like Koers' (phase history, address as JSON)
      caseId = base._id;
      caseNo += 1;
      const start = day(Math.floor(rnd() * 300));
      docs.push({ ...base, type: 'case', display_name: pick(names), initials: 'I.B.',
        programme_id: 'moviera_wijk', phase_id: 'transitie', start_date: start, worker: pick(workers),
        status: 'actief', birth_year: 1960 + Math.floor(rnd() * 40), phone: '06-' + String(10000000 + caseNo),
        address: { street: 'Lindenkade', house_number: String(1 + caseNo % 80), postcode: '3536 GR', town: 'Eschvelde' },
        safe_contact: { code_word: 'zonnebloem', may_call: true, safe_times: 'Tussen 9 en 12 uur',
          if_someone_else_answers: 'Zeg dat je van de bibliotheek belt.' },
        phase_history: [{ phase_id: 'analyse', since: start }, { phase_id: 'transitie', since: start }],
        language: 'nl', interpreter_needed: false, secret_address: false, registered_on: start });
      continue;
    }
    const roll = rnd();
    if (roll < 0.8) { // contacts are about 80% of a caseload's records
      docs.push({ ...base, type: 'contact', case_id: caseId,
        starts_at: day(Math.floor(rnd() * 300)) + 'T14:00:00Z', kind: pick(['huisbezoek', 'telefonisch', 'samen_met_ketenpartner']),
        status: 'gedaan', duration_minutes: 30 + Math.floor(rnd() * 90), location: '', address: '',
        present: ['cliënt'], domains: [pick(domains), pick(domains)],
        report: pick(sentences) + ' ' + pick(sentences), safety_check_done: rnd() < 0.5,
        safety_changes: '', agreements_made: rnd() < 0.3 ? 'Volgende week samen naar het wijkteam.' : '',
        brief: false });
    } else if (roll < 0.88) {
      docs.push({ ...base, type: 'goal', case_id: caseId, domain: pick(domains),
        goal: 'Ik wil mijn eigen geld weer beheren en op tijd mijn rekeningen betalen.', who: 'cliënt',
        due_date: day(200 + Math.floor(rnd() * 100)), status: 'bezig', child: '', made_on: day(Math.floor(rnd() * 200)),
        notes: pick(sentences) + ' ' + pick(sentences) });
    } else if (roll < 0.95) {
      docs.push({ ...base, type: 'agreement', case_id: caseId, who: 'partner',
        agreement: 'Partner komt niet zonder afspraak naar de woning.', made_with: 'trajectbegeleider en wijkagent',
        start_date: day(Math.floor(rnd() * 200)), review_date: day(200 + Math.floor(rnd() * 100)), status: 'nagekomen',
        notes: pick(sentences) + ' ' + pick(sentences) });
    } else {
      docs.push({ ...base, type: 'safety_plan', case_id: caseId, version: 1, made_on: day(Math.floor(rnd() * 200)),
        made_by: pick(workers), review_date: day(200 + Math.floor(rnd() * 100)),
        warning_signals: 'Partner stuurt veel berichten; drinkt in het weekend.',
        client_actions: 'Kinderen naar de buurvrouw, zelf 112 bellen.', safe_people: 'Zus, buurvrouw op nummer 12',
        safe_places: 'Bibliotheek, huis van zus', emergency_numbers: '112; Veilig Thuis 0800-2000',
        escape_plan: 'Tas met papieren bij de zus.', children_safety: 'Kinderen weten bij wie ze terecht kunnen.' });
    }
  }
  return docs;
}

// --- the client --------------------------------------------------------------------------------

async function run(n, oneProcess) {
  const PouchDB = require('pouchdb-node');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'koers-peer-'));
  const server = await startServer(dir, oneProcess);
  try {
    const url = `http://127.0.0.1:${server.port}/caseload`;
    const docs = makeDocs(n, 21);
    const docBytes = docs.reduce((sum, d) => sum + Buffer.byteLength(JSON.stringify(d)), 0) / n;
    const local = new PouchDB(path.join(dir, 'laptop-a'));
    for (let i = 0; i < docs.length; i += 1000) await local.bulkDocs(docs.slice(i, i + 1000));
    await new PouchDB(url).info(); // the server database exists before the clock starts
    await server.reset();

    let cpu = process.cpuUsage();
    let t = process.hrtime.bigint();
    await local.replicate.to(url, { batch_size: BATCH });
    const push = Number(process.hrtime.bigint() - t) / 1e9;
    const pushClientCpu = cpuSeconds(cpu);
    const pushServer = await server.stats();
    await server.reset();

    const fresh = new PouchDB(path.join(dir, 'laptop-b'));
    cpu = process.cpuUsage();
    t = process.hrtime.bigint();
    await fresh.replicate.from(url, { batch_size: BATCH });
    const pull = Number(process.hrtime.bigint() - t) / 1e9;
    const pullClientCpu = cpuSeconds(cpu);
    const pullServer = await server.stats();
    const info = await fresh.info();
    const pushed = (await new PouchDB(url).info()).doc_count;
    const version = (name) => require(`${name}/package.json`).version;
    console.log(JSON.stringify({
      peer: `pouchdb-node ${version('pouchdb-node')}, express-pouchdb ${version('express-pouchdb')}, ` +
        `express ${version('express')}, LevelDB, node ${process.versions.node}`,
      docs: n, pushed, pulled: info.doc_count, batch_size: BATCH, one_process: oneProcess,
      push_s: push, pull_s: pull,
      push_docs_per_s: n / push, pull_docs_per_s: info.doc_count / pull,
      doc_bytes: docBytes,
      push_request_bytes_per_doc: pushServer.requestBytes / n,
      pull_response_bytes_per_doc: pullServer.responseBytes / Math.max(1, info.doc_count),
      push_cpu_s: { client: pushClientCpu, server: pushServer.cpu_s },
      pull_cpu_s: { client: pullClientCpu, server: pullServer.cpu_s },
    }));
  } finally {
    await server.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--serve') {
  serveChild(process.argv[3]);
} else {
  const args = process.argv.slice(2);
  const oneProcess = args.includes('--one-process');
  const n = parseInt(args.find((a) => !a.startsWith('--')) || '50000', 10);
  if (!(n > 0)) {
    console.error('usage: node pouch-bench.js [--one-process] NUMBER_OF_DOCS');
    process.exit(2);
  }
  run(n, oneProcess).then(() => process.exit(0), (err) => {
    console.error(`peer bench failed: ${err && err.stack ? err.stack : err}`);
    process.exit(1);
  });
}

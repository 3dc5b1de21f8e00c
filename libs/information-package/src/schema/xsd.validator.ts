import { ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { SchemaSet, wrapperXsd } from './schema-sets';

/**
 * Above this size a document is validated by libxml2's streaming reader (xmllint --stream) instead
 * of a DOM: a 27 MB METS (100,000 files) took 410 MB as a libxml DOM, but 6 MB streamed.
 */
export const IN_MEMORY_XSD_LIMIT = 4 * 1024 * 1024;
const MAX_ERRORS = 50;

export interface XsdProblem {
  message: string;
  line?: number;
}

export type XsdOutcome = { status: 'valid' } | { status: 'invalid'; problems: XsdProblem[] } | { status: 'unavailable'; reason: string };

export interface XsdJob {
  path: string;
  set: SchemaSet;
}

/**
 * Runs in a child Node process: libxml2 reads XML_CATALOG_FILES from the real process environment
 * when the binding loads, which a parent cannot change for itself once running (nor can a jest
 * sandbox). The child also keeps DOM memory out of the validating process.
 */
const CHILD_SOURCE = `
const lib = require(process.argv[1]);
const fs = require('fs');
let input = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (c) => (input += c));
process.stdin.on('end', () => {
  const { wrapperBase, jobs, maxErrors } = JSON.parse(input);
  const compiled = new Map();
  const out = [];
  for (const job of jobs) {
    let schema = compiled.get(job.setName);
    if (!schema) {
      try {
        schema = lib.parseXml(job.wrapper, { baseUrl: wrapperBase, nonet: true });
        compiled.set(job.setName, schema);
      } catch (e) {
        out.push({ status: 'unavailable', reason: 'schemas could not be loaded: ' + String(e.message).trim() });
        continue;
      }
    }
    let doc;
    try {
      doc = lib.parseXml(fs.readFileSync(job.path), { baseUrl: job.path, nonet: true, replaceEntities: false });
    } catch (e) {
      out.push({ status: 'invalid', problems: [{ message: 'not well-formed XML: ' + String(e.message).trim() }] });
      continue;
    }
    if (doc.validate(schema)) out.push({ status: 'valid' });
    else if (doc.validationErrors.some((e) => /Failed to locate a schema|failed to load external entity/.test(String(e.message)))) {
      out.push({ status: 'unavailable', reason: 'the catalog does not resolve every schema: ' + String(doc.validationErrors[0].message).trim() });
    } else out.push({ status: 'invalid', problems: doc.validationErrors.slice(0, maxErrors).map((e) => ({ message: String(e.message).trim(), line: e.line })) });
  }
  process.stdout.write(JSON.stringify(out));
});
`;

/** Children started ahead, by catalog, each waiting for the jobs of one later validation (see `keepWarm`). */
const spares = new Map<string, ChildProcessWithoutNullStreams>();

/** A child and its pipes (sockets at run time): unref'd, they keep no event loop alive. */
const handlesOf = (child: ChildProcessWithoutNullStreams) => [child, child.stdin, child.stdout, child.stderr] as unknown as Array<{ ref(): void; unref(): void }>;

/** Validates XML files against schema sets resolved offline through one OASIS catalog. */
export class XsdValidator {
  readonly catalog: string;

  constructor(
    catalog: string,
    private readonly inMemoryLimit = IN_MEMORY_XSD_LIMIT,
    /**
     * Long-running callers: once a validation is done, start the next one's child, so that it
     * does not wait ≈0.5 s for Node to start and load libxml2. Each child still serves one call.
     */
    private readonly keepWarm = false,
  ) {
    this.catalog = resolve(catalog);
  }

  private env(): NodeJS.ProcessEnv {
    return { ...process.env, XML_CATALOG_FILES: this.catalog };
  }

  async validateAll(jobs: XsdJob[]): Promise<XsdOutcome[]> {
    if (!existsSync(this.catalog)) return jobs.map(() => ({ status: 'unavailable', reason: `the XML catalog ${this.catalog} does not exist` }));
    const outcomes: XsdOutcome[] = new Array(jobs.length);
    const small: number[] = [];
    for (let i = 0; i < jobs.length; i++) {
      if (statSync(jobs[i].path).size > this.inMemoryLimit) outcomes[i] = await this.validateStreaming(jobs[i]);
      else small.push(i);
    }
    if (small.length > 0) {
      const results = await this.validateInChild(small.map((i) => jobs[i]));
      small.forEach((jobIndex, k) => (outcomes[jobIndex] = results[k]));
    }
    return outcomes;
  }

  private validateInChild(jobs: XsdJob[]): Promise<XsdOutcome[]> {
    const payload = JSON.stringify({
      wrapperBase: join(dirname(this.catalog), 'samarkiv-wrapper.xsd'),
      maxErrors: MAX_ERRORS,
      jobs: jobs.map((j) => ({ path: resolve(j.path), setName: j.set.name, wrapper: wrapperXsd(j.set) })),
    });
    return new Promise((done) => {
      const unavailable = (reason: string): void => done(jobs.map(() => ({ status: 'unavailable', reason })));
      const child = this.child();
      let out = '';
      let err = '';
      child.stdout.setEncoding('utf8').on('data', (c: string) => (out += c));
      child.stderr.setEncoding('utf8').on('data', (c: string) => (err += c));
      child.on('error', (e) => unavailable(`the schema validator could not start: ${e.message}`));
      child.on('close', (code) => {
        if (this.keepWarm && !spares.has(this.catalog)) this.spare();
        try {
          const parsed = JSON.parse(out) as XsdOutcome[];
          if (parsed.length === jobs.length) return done(parsed);
        } catch {
          // fall through: the child died before answering
        }
        unavailable(`the schema validator exited with code ${code}: ${err.trim().split('\n').slice(-1)[0] ?? ''}`);
      });
      child.stdin.end(payload);
    });
  }

  /** Starts the child of the next validation now (keepWarm callers, e.g. a worker at start-up). */
  warm(): void {
    if (this.keepWarm && !spares.has(this.catalog) && existsSync(this.catalog)) this.spare();
  }

  /** The spare started for this catalog if it is still alive, else a new child. */
  private child(): ChildProcessWithoutNullStreams {
    const spare = spares.get(this.catalog);
    spares.delete(this.catalog);
    if (!spare || spare.exitCode !== null || spare.signalCode !== null) return this.spawnChild();
    for (const handle of handlesOf(spare)) handle.ref();
    return spare;
  }

  /** Starts a child for the next validation; idle, it keeps no process from exiting (stdin's end stops it). */
  private spare(): void {
    const child = this.spawnChild();
    for (const handle of handlesOf(child)) handle.unref();
    child.on('error', () => spares.get(this.catalog) === child && spares.delete(this.catalog));
    child.on('exit', () => spares.get(this.catalog) === child && spares.delete(this.catalog));
    spares.set(this.catalog, child);
  }

  private spawnChild(): ChildProcessWithoutNullStreams {
    return spawn(process.execPath, ['-e', CHILD_SOURCE, require.resolve('libxmljs')], { env: this.env(), stdio: ['pipe', 'pipe', 'pipe'] });
  }

  /** Bounded-memory validation of very large documents with libxml2's own streaming validator. */
  private validateStreaming(job: XsdJob): Promise<XsdOutcome> {
    const dir = mkdtempSync(join(tmpdir(), 'samarkiv-xsd-'));
    const wrapper = join(dir, 'wrapper.xsd');
    writeFileSync(wrapper, wrapperXsd(job.set));
    return new Promise<XsdOutcome>((done) => {
      const child = spawn('xmllint', ['--noout', '--nonet', '--stream', '--schema', wrapper, job.path], { env: this.env(), stdio: ['ignore', 'ignore', 'pipe'] });
      const problems: XsdProblem[] = [];
      let tail = '';
      child.stderr.setEncoding('utf8');
      child.stderr.on('data', (chunk: string) => {
        const lines = (tail + chunk).split('\n');
        tail = lines.pop() ?? '';
        for (const line of lines) {
          const m = /^.*?:(\d+): (.*)$/.exec(line);
          if (m && problems.length < MAX_ERRORS) problems.push({ line: Number(m[1]), message: m[2] });
        }
      });
      child.on('error', (err) => {
        rmSync(dir, { recursive: true, force: true });
        done({ status: 'unavailable', reason: `the file is larger than ${this.inMemoryLimit} bytes and xmllint (libxml2 streaming validation) is not available: ${err.message}` });
      });
      child.on('close', (code) => {
        rmSync(dir, { recursive: true, force: true });
        if (code === 0) done({ status: 'valid' });
        else if (problems.length > 0) done({ status: 'invalid', problems });
        else done({ status: 'unavailable', reason: `xmllint exited with code ${code} without a validation message` });
      });
    });
  }
}

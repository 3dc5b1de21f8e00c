import { INestApplication } from '@nestjs/common';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Browser, BrowserContext, chromium, Page } from 'playwright-core';
import { ProcessRole } from '../../src/platform/config/env.validation';
import { RequestContext } from '../../src/platform/context';
import { TenancyFacade } from '../../src/tenancy/tenancy.facade';
import { PIPELINE_ENV } from '../support/shared-dir';
import { startTestApp } from '../support/test-app';
import { useTestEnvironment } from '../support/test-env';

/** Debian's Chromium (installed by .ci/run); playwright's own browser downloads cannot run here. */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
/** Screenshots are test artifacts, never committed (var/ is git-ignored). */
export const ARTIFACTS = join(__dirname, '../../var/test-artifacts/browser');
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

/** One real app (demo mode, seeded) and one browser per test file; a fresh context per person. */
export class ConsoleBrowser {
  app!: INestApplication;
  url!: string;
  private browser!: Browser;
  private shots = 0;
  /** False when the app was started elsewhere (attach): its owner closes it. */
  private ownsApp = true;

  constructor(private readonly name: string) {}

  /**
   * Demo mode with the demo seed unless `demo: false` (e.g. for a login through a real IdP).
   * `worker: true` runs the worker too (and the ingest pipeline's reference data), for tests that
   * deliver packages through the real pipeline; such tests remove what they delivered at the end.
   */
  async start(options: { env?: Record<string, string>; port?: number; demo?: boolean; worker?: boolean } = {}): Promise<void> {
    const demo = options.demo ?? true;
    useTestEnvironment({ DEMO_MODE: String(demo), RATE_LIMIT_PER_MINUTE: '100000', ...(options.worker ? PIPELINE_ENV : {}), ...options.env });
    // Otherwise the API role only: a worker here would run scheduled fixity audits over the shared
    // test database's catalogue against this app's own storage root, and disturb other test files.
    ({ app: this.app, url: this.url } = await startTestApp(options.worker ? ProcessRole.All : ProcessRole.Api, options.port));
    if (demo) await this.app.get(TenancyFacade).seedDemo(RequestContext.system('browser-test'));
    await this.launch();
  }

  /** Uses an app started elsewhere (e.g. one with a worker, for deliveries through the real pipeline). */
  async attach(app: INestApplication, url: string): Promise<void> {
    this.app = app;
    this.url = url;
    this.ownsApp = false;
    await this.launch();
  }

  async stop(): Promise<void> {
    await this.browser?.close();
    if (this.ownsApp) await this.app?.close();
  }

  private async launch(): Promise<void> {
    // Playwright launches Chromium with a fresh temporary profile (user-data-dir) of its own.
    this.browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS, headless: true });
    mkdirSync(ARTIFACTS, { recursive: true });
  }

  /** A new browser context (own cookies), optionally signed in through the demo login. */
  async person(tenant?: string | null, user?: string): Promise<{ context: BrowserContext; page: Page }> {
    const context = await this.browser.newContext({ baseURL: this.url, locale: 'sv-SE', viewport: { width: 1280, height: 900 } });
    context.setDefaultTimeout(20_000);
    if (user !== undefined) {
      const res = await context.request.post('/auth/demo/login', { data: { tenant: tenant ?? '', user } });
      if (res.status() !== 201) throw new Error(`demo login of ${user}: ${res.status()}`);
    }
    return { context, page: await context.newPage() };
  }

  /**
   * Every page the tests see goes through here: the axe-core WCAG 2.1 A/AA rules must find nothing
   * serious or critical, and a screenshot is kept.
   */
  async check(page: Page, label: string): Promise<AxeViolation[]> {
    await page.screenshot({ path: join(ARTIFACTS, `${this.name}-${String(++this.shots).padStart(2, '0')}-${label}.png`), fullPage: true });
    // Evaluated through the DevTools protocol, so the pages' Content-Security-Policy stays as in production.
    await page.evaluate(AXE_SOURCE);
    const violations = await page.evaluate(async () => {
      const axe = (globalThis as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<{ violations: Array<{ id: string; impact: string | null; help: string; nodes: Array<{ target: string[] }> }> }> } }).axe;
      const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } });
      return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => n.target.join(' ')) }));
    });
    const blocking = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect({ page: label, blocking }).toEqual({ page: label, blocking: [] });
    return violations;
  }
}

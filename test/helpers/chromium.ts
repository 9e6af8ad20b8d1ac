import { type ChildProcess, spawn } from 'node:child_process';
import { accessSync, constants, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { pathToFileURL } from 'node:url';

/**
 * Headless Chromium driven over the DevTools protocol on a pipe (`--remote-debugging-pipe`:
 * NUL-terminated JSON on fds 3 and 4, as Puppeteer does), so tests can query the rendered
 * page (layout, computed styles, requests) with no npm dependency. Flags keep it quiet and
 * offline: no first-run UI, no background or component traffic, a fresh profile every time.
 */
export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--hide-scrollbars',
  '--remote-debugging-pipe',
];

const TIMEOUT_MS = 15_000;

export interface ChromiumPage {
  /** Evaluates a JavaScript expression in the page and returns its JSON value. */
  evaluate<T>(expression: string): Promise<T>;
  /** Resizes the viewport (CSS pixels); the page lays itself out again. */
  setViewport(width: number, height: number): Promise<void>;
  /** Writes a PNG of the viewport, or of the whole page with `fullPage`. */
  screenshot(file: string, options?: { fullPage?: boolean }): Promise<void>;
  /** Every URL the page requested, the page itself included. */
  requests: string[];
  close(): Promise<void>;
}

/** The Chromium executable on PATH; throws (never skips) when there is none. */
export function chromiumPath(): string {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    for (const name of ['chromium', 'chromium-browser']) {
      try {
        accessSync(join(dir, name), constants.X_OK);
        return join(dir, name);
      } catch {}
    }
  }
  throw new Error(
    'Chromium is not installed, and the report tests render the report in it. Install Debian\'s package: `apt-get install -y chromium` (as root).',
  );
}

/** Opens `file` in a fresh headless Chromium and waits for its load event. */
export async function openInChromium(file: string, viewport = { width: 1280, height: 2000 }): Promise<ChromiumPage> {
  const executable = chromiumPath();
  const profile = mkdtempSync(join(tmpdir(), 'chromium-profile-'));
  const child = spawn(executable, [...CHROMIUM_FLAGS, `--user-data-dir=${profile}`, 'about:blank'], {
    stdio: ['ignore', 'ignore', 'pipe', 'pipe', 'pipe'],
  });
  const cdp = connect(child);
  const cleanUp = () => {
    child.kill('SIGKILL');
    rmSync(profile, { recursive: true, force: true });
  };
  try {
    const { targetId } = await cdp.send('Target.createTarget', { url: 'about:blank' });
    const { sessionId } = await cdp.send('Target.attachToTarget', { targetId, flatten: true });
    const page = (method: string, params: object = {}) => cdp.send(method, params, sessionId);
    const requests: string[] = [];
    cdp.on('Network.requestWillBeSent', (params) => requests.push(params.request.url));
    await page('Network.enable');
    await page('Page.enable');
    const setViewport = async (width: number, height: number) => {
      await page('Emulation.setDeviceMetricsOverride', { width, height, deviceScaleFactor: 1, mobile: false });
    };
    await setViewport(viewport.width, viewport.height);
    const url = pathToFileURL(file).href;
    await page('Page.navigate', { url });
    // Polled rather than awaiting Page.loadEventFired, which about:blank may also fire.
    const loaded = async () => {
      const probe = `location.href === ${JSON.stringify(url)} && document.readyState === 'complete'`;
      while (!(await page('Runtime.evaluate', { expression: probe, returnByValue: true })).result.value) await sleep(50);
    };
    await within(loaded(), 'the page to load');
    return {
      requests,
      setViewport,
      async evaluate<T>(expression: string) {
        const answer = await page('Runtime.evaluate', { expression, returnByValue: true, awaitPromise: true });
        if (answer.exceptionDetails) throw new Error(`In the page: ${answer.exceptionDetails.exception?.description ?? answer.exceptionDetails.text}`);
        return answer.result.value as T;
      },
      async screenshot(out: string, { fullPage = false } = {}) {
        const { cssContentSize } = await page('Page.getLayoutMetrics');
        const clip = fullPage ? { x: 0, y: 0, width: cssContentSize.width, height: cssContentSize.height, scale: 1 } : undefined;
        const { data } = await page('Page.captureScreenshot', { format: 'png', captureBeyondViewport: fullPage, clip });
        writeFileSync(out, Buffer.from(data, 'base64'));
      },
      async close() {
        const exited = new Promise((resolve) => (child.exitCode === null ? child.once('exit', resolve) : resolve(null)));
        await cdp.send('Browser.close').catch(() => undefined);
        await within(exited, 'Chromium to exit').catch(() => undefined);
        cleanUp();
      },
    };
  } catch (error) {
    cleanUp();
    throw error;
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** `promise`, or an error naming what we waited for if it takes too long. */
function within<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Waited ${TIMEOUT_MS} ms for ${what}`)), TIMEOUT_MS);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

// biome-ignore lint/suspicious/noExplicitAny: DevTools protocol answers are untyped JSON.
type Json = any;

/** A minimal DevTools protocol client: numbered commands, answers by id, events by name. */
function connect(child: ChildProcess) {
  const input = child.stdio[3] as Writable;
  const output = child.stdio[4] as Readable;
  const pending = new Map<number, { resolve: (value: Json) => void; reject: (error: Error) => void }>();
  const listeners = new Map<string, ((params: Json) => void)[]>();
  let stderr = '';
  let buffer = '';
  let nextId = 1;
  output.setEncoding('utf8');
  child.on('error', (error) => {
    stderr += String(error);
  });
  child.stderr?.on('data', (chunk) => {
    stderr = (stderr + chunk).slice(-4000);
  });
  output.on('data', (chunk) => {
    buffer += chunk;
    for (let end = buffer.indexOf('\0'); end >= 0; end = buffer.indexOf('\0')) {
      const message = JSON.parse(buffer.slice(0, end));
      buffer = buffer.slice(end + 1);
      const waiting = pending.get(message.id);
      if (waiting) {
        pending.delete(message.id);
        if (message.error) waiting.reject(new Error(`${message.error.message} (${message.error.code})`));
        else waiting.resolve(message.result);
      } else if (message.method) for (const listener of listeners.get(message.method) ?? []) listener(message.params);
    }
  });
  child.on('exit', (code) => {
    for (const { reject } of pending.values()) reject(new Error(`Chromium exited (${code}): ${stderr}`));
    pending.clear();
  });
  const on = (method: string, listener: (params: Json) => void) => {
    listeners.set(method, [...(listeners.get(method) ?? []), listener]);
  };
  return {
    on,
    send(method: string, params: object = {}, sessionId?: string): Promise<Json> {
      const id = nextId++;
      input.write(`${JSON.stringify({ id, method, params, sessionId })}\0`);
      const answer = new Promise<Json>((resolve, reject) => pending.set(id, { resolve, reject }));
      return within(answer, `an answer to ${method}`).catch((error) => {
        pending.delete(id);
        throw new Error(`${error.message}${stderr && `; Chromium said: ${stderr}`}`);
      });
    },
  };
}

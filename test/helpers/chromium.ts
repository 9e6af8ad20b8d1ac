import { type ChildProcess, spawn } from 'node:child_process';
import { accessSync, constants, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { pathToFileURL } from 'node:url';

/**
 * Headless Chromium driven over the DevTools protocol on a pipe (`--remote-debugging-pipe`:
 * NUL-terminated JSON on fds 3 and 4, as Puppeteer does), so tests can query the rendered
 * page (layout, computed styles, requests) with no npm dependency. What the report tests need
 * is a few protocol calls each (a phone is `Emulation.setDeviceMetricsOverride` with `mobile`
 * plus `Emulation.setTouchEmulationEnabled`; a tap is `Input.dispatchTouchEvent` start and
 * end, which is also what puppeteer-core's `tap` sends), and everything else is measured in
 * the page, so puppeteer-core and its dependencies would add nothing but a version to keep
 * in step with Debian's Chromium. Flags keep it quiet and offline: no first-run UI, no
 * background or component traffic, a fresh profile every time.
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

/** Executable names tried on PATH, Debian's first. */
const CHROMIUM_NAMES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'];

/** How to get a browser: said by the skip notice and by the error under REQUIRE_CHROMIUM. */
export const CHROMIUM_INSTALL_HINT =
  'install it with `apt-get install -y chromium` (as root, on Debian or Ubuntu), or set CHROMIUM_PATH to a Chromium or Chrome executable';

export interface Viewport {
  /** CSS pixels. */
  width: number;
  height: number;
  /** A phone: mobile layout (the page's meta viewport counts) and a touch screen. */
  phone?: boolean;
  /** Device pixels per CSS pixel, for sharper screenshots. @default 1 */
  scale?: number;
}

export interface ChromiumPage {
  /** Evaluates a JavaScript expression in the page and returns its JSON value. */
  evaluate<T>(expression: string): Promise<T>;
  /** Resolves once `expression` is truthy in the page; fails after a while with `what`. */
  waitFor(expression: string, what: string): Promise<void>;
  /** Loads another file in the same page. */
  open(file: string): Promise<void>;
  /** Resizes the viewport; the page lays itself out again. */
  setViewport(viewport: Viewport): Promise<void>;
  /**
   * Taps, as a finger does (touch start and end, which Chromium turns into a click), the
   * centre of the first element matching `selector`, scrolled into view first. Needs a
   * `phone` viewport.
   */
  tap(selector: string): Promise<void>;
  /** Writes a PNG of the viewport, or of the whole page with `fullPage`. */
  screenshot(file: string, options?: { fullPage?: boolean }): Promise<void>;
  /** Every URL the page requested, the pages themselves included. */
  requests: string[];
  close(): Promise<void>;
}

/**
 * The browser to use: CHROMIUM_PATH when set (it must then be executable), otherwise the
 * first of CHROMIUM_NAMES on PATH; undefined when there is none.
 */
export function findChromium(): string | undefined {
  const isExecutable = (file: string) => {
    try {
      accessSync(file, constants.X_OK);
      return true;
    } catch {
      return false;
    }
  };
  const configured = process.env.CHROMIUM_PATH;
  if (configured) {
    if (!isExecutable(configured)) throw new Error(`CHROMIUM_PATH is ${configured}, which is not an executable file: ${CHROMIUM_INSTALL_HINT}`);
    return configured;
  }
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    for (const name of CHROMIUM_NAMES) if (dir && isExecutable(join(dir, name))) return join(dir, name);
  }
  return undefined;
}

/** The browser; throws, saying how to install one, when there is none. */
export function chromiumPath(): string {
  const found = findChromium();
  if (!found) throw new Error(`Chromium is not installed, and these tests render pages in it: ${CHROMIUM_INSTALL_HINT}.`);
  return found;
}

/** Opens `file` in a fresh headless Chromium and waits for its load event. */
export async function openInChromium(file: string, viewport: Viewport = { width: 1280, height: 2000 }): Promise<ChromiumPage> {
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
    const evaluate = async <T>(expression: string) => {
      const answer = await page('Runtime.evaluate', { expression, returnByValue: true, awaitPromise: true });
      if (answer.exceptionDetails) throw new Error(`In the page: ${answer.exceptionDetails.exception?.description ?? answer.exceptionDetails.text}`);
      return answer.result.value as T;
    };
    const waitFor = async (expression: string, what: string) => {
      let waiting = true;
      const poll = async () => {
        while (waiting && !(await evaluate<boolean>(`Boolean(${expression})`))) await sleep(25);
      };
      await within(poll(), what).finally(() => {
        waiting = false;
      });
    };
    const setViewport = async ({ width, height, phone = false, scale = 1 }: Viewport) => {
      await page('Emulation.setDeviceMetricsOverride', { width, height, deviceScaleFactor: scale, mobile: phone });
      await page('Emulation.setTouchEmulationEnabled', phone ? { enabled: true, maxTouchPoints: 5 } : { enabled: false });
    };
    const open = async (next: string) => {
      const url = pathToFileURL(next).href;
      await page('Page.navigate', { url });
      // Polled rather than awaiting Page.loadEventFired, which about:blank may also fire.
      await waitFor(`location.href === ${JSON.stringify(url)} && document.readyState === 'complete'`, `${url} to load`);
    };
    await setViewport(viewport);
    await open(file);
    return {
      requests,
      evaluate,
      waitFor,
      open,
      setViewport,
      async tap(selector: string) {
        const at = await evaluate<{ x: number; y: number } | null>(`(async () => {
          const element = document.querySelector(${JSON.stringify(selector)});
          if (!element) return null;
          element.scrollIntoView({ block: 'center', inline: 'center' });
          // Let the scroll (and its scroll events) settle before the finger lands.
          await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
          const box = element.getBoundingClientRect();
          return { x: box.left + box.width / 2, y: box.top + box.height / 2 };
        })()`);
        if (!at) throw new Error(`Nothing to tap: no element matches ${selector}`);
        await page('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [at] });
        await page('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
      },
      async screenshot(out: string, { fullPage = false } = {}) {
        // Two frames, so what a scroll or a tap changed is painted before the capture.
        await evaluate('new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)))');
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

import * as path from 'node:path';
import { performance } from 'node:perf_hooks';

// miniprogram-simulate renders custom components in jsdom and puts its own `wx` (a mock of
// the mini-program API) on the global object; the tests replace the parts the dashboard uses.
const simulate = require('miniprogram-simulate');

export const MINIPROGRAM = path.resolve(__dirname, '../../miniprogram');

export interface CloudCall {
  name: string;
  data: { beginDate: string; endDate: string; period: string };
}

type Answer = (call: CloudCall) => Promise<unknown>;

/** The slice of the DOM (jsdom) the tests read: the project compiles without lib "dom". */
export interface DomNode {
  textContent: string | null;
  innerHTML: string;
  querySelectorAll(selector: string): Iterable<DomNode>;
}

const createElement = (name: string) => (globalThis as unknown as { document: { createElement(tag: string): DomNode } }).document.createElement(name);

/** One simulated component (j-component's wrapper), as much of it as the tests use. */
export interface Simulated {
  dom: DomNode;
  instance: Record<string, (...args: unknown[]) => unknown> & { data: Record<string, unknown> };
  querySelector(selector: string): Simulated | undefined;
  querySelectorAll(selector: string): Simulated[];
  dispatchEvent(name: string, options?: { detail?: unknown }): void;
  attach(parent: DomNode): void;
  detach(): void;
}

/**
 * A stand-in for `wx.cloud.callFunction` that records every call and answers each from a
 * queue: a result (as the platform wraps it), a rejection, or a call held open until the
 * test releases it. A call with nothing queued rejects, so a test cannot miss one.
 */
export function fakeCloud() {
  const calls: CloudCall[] = [];
  const answers: Answer[] = [];
  const wx = (globalThis as unknown as { wx: Record<string, unknown> }).wx;
  const toast = jest.fn();
  const clipboard = jest.fn();
  const stopPullDownRefresh = jest.fn();
  Object.assign(wx, {
    cloud: {
      callFunction: (options: CloudCall) => {
        calls.push(JSON.parse(JSON.stringify(options)));
        const next = answers.shift();
        return next ? next(options) : Promise.reject(new Error(`test: no answer queued for call ${calls.length}`));
      },
    },
    showToast: toast,
    setClipboardData: clipboard,
    stopPullDownRefresh,
    getWindowInfo: () => ({ pixelRatio: 2, windowWidth: 390, windowHeight: 844 }),
  });
  // Through JSON, as the platform carries it (undefined stays undefined).
  const wrap = (result: unknown) => ({ result: result === undefined ? undefined : JSON.parse(JSON.stringify(result)), errMsg: 'cloud.callFunction:ok', requestID: 'test-request' });
  return {
    calls,
    toast,
    clipboard,
    stopPullDownRefresh,
    /** The next call returns `result` (made by the real function, or by the contract of issue 13). */
    answer(result: unknown | ((call: CloudCall) => Promise<unknown>)) {
      answers.push(async (call) => wrap(typeof result === 'function' ? await (result as (c: CloudCall) => Promise<unknown>)(call) : result));
    },
    /** The next call rejects, as wx.cloud.callFunction does on a network or platform failure. */
    reject(error: unknown) {
      answers.push(() => Promise.reject(error));
    },
    /** The next call stays open until `release(result)`. */
    hold() {
      let release: (result: unknown) => void = () => undefined;
      const held = new Promise((resolve) => {
        release = (result) => resolve(wrap(result));
      });
      answers.push(() => held);
      return (result: unknown) => release(result);
    },
  };
}

/**
 * simulate.load runs a component's file by require() and then deletes it from require.cache
 * so that the next load runs it again; under jest that cache is not the module registry, so
 * each load gets a registry of its own.
 */
function load(file: string): string {
  let id = '';
  jest.isolateModules(() => {
    id = simulate.load(path.join(MINIPROGRAM, file), { rootPath: MINIPROGRAM });
  });
  return id;
}

let dashboardId: string | undefined;
let pageId: string | undefined;

/** Renders <retain-dashboard> with `props` and attaches it, which starts its first call. */
export function renderDashboard(props: Record<string, unknown> = {}): Simulated {
  dashboardId ??= load('components/retain-dashboard/retain-dashboard');
  const comp = simulate.render(dashboardId, props) as Simulated;
  comp.attach(createElement('parent-wrapper'));
  return comp;
}

/** Renders pages/index (a Component-built page) with the dashboard inside. */
export function renderIndexPage(): Simulated {
  pageId ??= load('pages/index/index');
  const page = simulate.render(pageId) as Simulated;
  page.attach(createElement('parent-wrapper'));
  return page;
}

/**
 * Gives `comp` a canvas where it looks for one (the simulator has none): a 2D context that
 * records every call as `name(args)`. Returns the canvas and the record.
 */
export function standInCanvas(comp: Simulated, size = { width: 342, height: 200 }) {
  const drawn: string[] = [];
  const context = new Proxy(
    {},
    { get: (_target, name) => (typeof name === 'string' && name !== 'then' ? (...args: unknown[]) => drawn.push(`${name}(${args.join(',')})`) : undefined), set: () => true },
  );
  const canvas = { width: 0, height: 0, getContext: () => context };
  const query = { select: () => query, fields: () => query, exec: (done: (res: unknown) => void) => Promise.resolve().then(() => done([{ node: canvas, ...size }])) };
  comp.instance.createSelectorQuery = () => query;
  return { canvas, drawn };
}

/** Lets pending calls, setData callbacks and selector queries run. */
export const settle = () => simulate.sleep(20) as Promise<void>;

/**
 * The DOM elements matching `selector` (class names as written in the WXML; descendant and
 * attribute selectors work) inside `root`. miniprogram-simulate prefixes every class with
 * the component's tag name (`main--card`); this adds the prefix.
 */
export function all(comp: Simulated, selector: string, root: DomNode = comp.dom): DomNode[] {
  const prefix = /class="([\w-]*--)dash[" ]/.exec(comp.dom.innerHTML)?.[1] ?? '';
  return [...root.querySelectorAll(selector.replace(/\.([\w-]+)/g, (_, name) => `.${prefix}${name}`))];
}

export const count = (comp: Simulated, selector: string, root?: DomNode) => all(comp, selector, root).length;

/** The text of every element matching `selector`, whitespace collapsed. */
export function texts(comp: Simulated, selector: string, root?: DomNode): string[] {
  return all(comp, selector, root).map((node) => (node.textContent ?? '').replace(/\s+/g, ' ').trim());
}

export function textOf(comp: Simulated, selector: string, root?: DomNode): string {
  return texts(comp, selector, root).join(' ');
}

/** Taps the `index`-th element matching `selector` (simple or descendant class selectors). */
export async function tap(comp: Simulated, selector: string, index = 0): Promise<void> {
  const target = comp.querySelectorAll(selector)[index];
  if (!target) throw new Error(`nothing matches ${selector} (${index})`);
  target.dispatchEvent('tap');
  await settle();
}

/** Fires a picker's change event with `value` (`2024-06-14`, or `2024-06` for months). */
export async function pick(comp: Simulated, index: number, value: string): Promise<void> {
  comp.querySelectorAll('.range-pick')[index]?.dispatchEvent('change', { detail: { value } });
  await settle();
}

/** Waits until `condition()` holds (the real function answers in tens of milliseconds). */
export async function until(condition: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  // performance.now(): the tests pin Date.now() to NOW.
  const started = performance.now();
  while (!condition()) {
    if (performance.now() - started > timeoutMs) throw new Error(`waited ${timeoutMs} ms for ${what}`);
    await simulate.sleep(10);
  }
  await settle();
}

import { execFile, execFileSync } from 'node:child_process';
import { constants, promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createClient, FileRetainCache } from '../../src';
import type { DailyRetainData } from '../../src/daily-retain/response';
import { EMULATOR_APPID, EMULATOR_SECRET, startEmulator, type WeChatEmulator } from '../../src/emulator/wechat-emulator';
import { daysAgo } from '../helpers/yesterday';

// Issue 11, point 12: odd files in the CLI's cache folder. Only regular files are read, never
// through a symlink out of the folder; a FIFO does not hang; temporary files are removed on
// every path; the folder is 0700 and its files 0600 (retention data is the app's business).

const DAY = daysAgo(40);
/** The cache key of DAY: the period, then the day (retain-cache.ts). */
const KEY = `day-${DAY}`;
const RECORD: DailyRetainData = { refDate: DAY, visitUvNew: [{ key: 0, value: 7 }], visitUv: [{ key: 0, value: 9 }] };

let root: string;
let dir: string;
let appFolder: string;
let record: string;
let fifos: string[];
beforeEach(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), 'retain-files-'));
  dir = path.join(root, 'cache');
  appFolder = path.join(dir, EMULATOR_APPID);
  record = path.join(appFolder, `${KEY}.json`);
  fifos = [];
});
afterEach(async () => {
  // A reader stuck on a FIFO holds a thread of libuv's pool: open the other end to free it.
  for (const fifo of fifos) await fs.open(fifo, constants.O_WRONLY | constants.O_NONBLOCK).then((h) => h.close(), () => undefined);
  await fs.rm(root, { recursive: true, force: true });
});

async function makeFifo(at: string): Promise<void> {
  await fs.mkdir(path.dirname(at), { recursive: true });
  execFileSync('mkfifo', [at]);
  fifos.push(at);
}

/** Fails (instead of hanging) when `promise` has not settled after `ms`. */
function settlesWithin<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`still pending after ${ms} ms`)), ms);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

const leftovers = async (folder: string) => (await fs.readdir(folder)).filter((name) => name.endsWith('.tmp'));
const modeOf = async (at: string) => (await fs.stat(at)).mode & 0o777;

describe('a FIFO named like a cache record', () => {
  it('is not read, and the read does not wait for a writer', async () => {
    await makeFifo(record);
    await expect(settlesWithin(new FileRetainCache(dir).get(EMULATOR_APPID, KEY), 1000)).rejects.toThrow(/is not a regular file/);
  });

  it('does not hang the CLI: it fetches the day, says so, and replaces the FIFO with a record', async () => {
    await makeFifo(record);
    const cli = path.resolve(__dirname, '../../dist/cli.js');
    const { stdout, stderr } = await new Promise<{ stdout: string; stderr: string }>((resolve, reject) => {
      execFile(process.execPath, [cli, 'range', '--from', DAY, '--to', DAY], { env: { PATH: process.env.PATH, RETAIN_CACHE_DIR: dir }, timeout: 15_000 }, (error, out, err) =>
        error ? reject(new Error(`${error.message}\n${err}`)) : resolve({ stdout: out, stderr: err }),
      );
    });
    expect(JSON.parse(stdout)).toEqual([expect.objectContaining({ refDate: DAY, final: true })]);
    expect(stderr).toMatch(/retain cache: .* is not a regular file/);
    expect((await fs.lstat(record)).isFile()).toBe(true);
  });
});

describe('a symlink', () => {
  it('in place of a record is not followed out of the folder, and the write replaces the link', async () => {
    const outside = path.join(root, 'planted.json');
    await fs.writeFile(outside, JSON.stringify(RECORD));
    await fs.mkdir(appFolder, { recursive: true });
    await fs.symlink(outside, record);
    const cache = new FileRetainCache(dir);
    await expect(cache.get(EMULATOR_APPID, KEY)).rejects.toThrow(/is a symlink$/);
    await cache.set(EMULATOR_APPID, KEY, { ...RECORD, visitUv: [] });
    expect((await fs.lstat(record)).isFile()).toBe(true);
    expect(JSON.parse(await fs.readFile(outside, 'utf8'))).toEqual(RECORD);
  });

  it('in place of the app folder is neither read through nor written through', async () => {
    const outside = path.join(root, 'elsewhere');
    await fs.mkdir(outside);
    await fs.writeFile(path.join(outside, `${KEY}.json`), JSON.stringify(RECORD));
    await fs.mkdir(dir);
    await fs.symlink(outside, appFolder);
    const cache = new FileRetainCache(dir);
    expect(await cache.get(EMULATOR_APPID, KEY)).toBeUndefined();
    await expect(cache.set(EMULATOR_APPID, daysAgo(41), RECORD)).rejects.toThrow(/is not a folder/);
    expect(await fs.readdir(outside)).toEqual([`${KEY}.json`]);
  });
});

describe('a folder in place of a record', () => {
  let emulator: WeChatEmulator;
  beforeEach(async () => {
    emulator = await startEmulator();
  });
  afterEach(() => emulator.close());

  it('fails the write without leaving a temporary file; the range still lists the day, with one warning', async () => {
    await fs.mkdir(record, { recursive: true });
    await expect(new FileRetainCache(dir).set(EMULATOR_APPID, KEY, RECORD)).rejects.toThrow();
    expect(await leftovers(appFolder)).toEqual([]);

    const warnings: string[] = [];
    const client = createClient({ appid: EMULATOR_APPID, secret: EMULATOR_SECRET, apiBase: emulator.url, retainCache: new FileRetainCache(dir), logger: { warn: (m) => warnings.push(m) } });
    const { list } = await client.getDailyRetainRange({ beginDate: DAY, endDate: DAY });
    expect(list).toEqual([expect.objectContaining({ refDate: DAY, final: true })]);
    expect(warnings).toHaveLength(1);
    expect(await leftovers(appFolder)).toEqual([]);
  });
});

describe('permissions', () => {
  it('creates the folders 0700 and the records 0600', async () => {
    await new FileRetainCache(dir).set(EMULATOR_APPID, KEY, RECORD);
    expect(await modeOf(dir)).toBe(0o700);
    expect(await modeOf(appFolder)).toBe(0o700);
    expect(await modeOf(record)).toBe(0o600);
  });

  it('closes an app folder an older version left world-readable, and rewrites records 0600', async () => {
    await fs.mkdir(appFolder, { recursive: true, mode: 0o755 });
    await fs.chmod(appFolder, 0o755);
    await fs.writeFile(record, JSON.stringify(RECORD), { mode: 0o644 });
    await new FileRetainCache(dir).set(EMULATOR_APPID, KEY, RECORD);
    expect(await modeOf(appFolder)).toBe(0o700);
    expect(await modeOf(record)).toBe(0o600);
  });
});

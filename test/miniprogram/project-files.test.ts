import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { runInNewContext } from 'node:vm';

// The DevTools project as a developer opens it, and the component folder as one copies it.

const ROOT = path.resolve(__dirname, '../..');
const MINIPROGRAM = path.join(ROOT, 'miniprogram');
const COMPONENT = path.join(MINIPROGRAM, 'components/retain-dashboard');
const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');
const json = (file: string) => JSON.parse(read(file));
// The dashboard's page of the docs, which says how to open and set up the project.
const dashboardDoc = read('docs/dashboard.md');

describe('project.config.json', () => {
  it('points DevTools at the mini program and the functions, and says to run npm ci as docs/dashboard.md does', () => {
    const config = json('project.config.json');
    expect(existsSync(path.join(ROOT, config.miniprogramRoot, 'app.json'))).toBe(true);
    expect(existsSync(path.join(ROOT, config.cloudfunctionRoot, 'getDailyRetainRange/package.json'))).toBe(true);
    expect(config.description).toContain('`npm ci`');
    expect(dashboardDoc).toContain('`npm ci` (builds `cloudfunctions/*/index.js`), then open this folder in DevTools');
  });
});

describe('the mini program', () => {
  it('has every page and component that app.json and the pages name', () => {
    const app = json('miniprogram/app.json');
    expect(existsSync(path.join(MINIPROGRAM, app.sitemapLocation))).toBe(true);
    for (const page of app.pages as string[]) {
      for (const ext of ['js', 'json', 'wxml']) expect(existsSync(path.join(MINIPROGRAM, `${page}.${ext}`))).toBe(true);
      const { usingComponents = {} } = json(`miniprogram/${page}.json`);
      for (const target of Object.values(usingComponents) as string[]) {
        for (const ext of ['js', 'json', 'wxml', 'wxss']) expect(existsSync(path.join(MINIPROGRAM, `${target}.${ext}`))).toBe(true);
      }
    }
  });

  it('app.js does what its comment says: CLOUD_ENV empty uses the default environment, set it uses that one', () => {
    const source = read('miniprogram/app.js');
    expect(source).toMatch(/Left empty, wx\.cloud\.init uses the default environment/);
    const launch = (code: string, cloud: object | undefined) => {
      let app: { onLaunch(): void } | undefined;
      const errors: string[] = [];
      runInNewContext(code, { App: (definition: typeof app) => (app = definition), wx: { cloud }, console: { error: (m: string) => errors.push(m) } });
      app?.onLaunch();
      return errors;
    };
    const init = jest.fn();
    launch(source, { init });
    expect(init).toHaveBeenLastCalledWith({ traceUser: false });
    launch(source.replace("const CLOUD_ENV = '';", "const CLOUD_ENV = 'prod-4g2x';"), { init });
    expect(init).toHaveBeenLastCalledWith({ env: 'prod-4g2x', traceUser: false });
    expect(launch(source, undefined)).toEqual([expect.stringContaining('base library 2.2.3')]);
    expect(dashboardDoc).toContain('In `miniprogram/app.js`, set `CLOUD_ENV` to your environment ID, or leave it empty');
  });

  it('is plain CommonJS: no import or export statement anywhere', () => {
    const files = readdirSync(MINIPROGRAM, { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.js'));
    expect(files.length).toBeGreaterThan(8);
    for (const file of files) expect(readFileSync(path.join(MINIPROGRAM, file), 'utf8')).not.toMatch(/^\s*(import|export)\s/m);
  });
});

it('the component folder is self-contained: every require stays inside it, so copying the folder is enough', () => {
  const files = readdirSync(COMPONENT).filter((file) => file.endsWith('.js'));
  for (const file of files) {
    const source = readFileSync(path.join(COMPONENT, file), 'utf8');
    for (const [, target] of source.matchAll(/require\('([^']+)'\)/g)) {
      expect(target).toMatch(/^\.\/[\w-]+$/);
      expect(existsSync(path.join(COMPONENT, `${target}.js`))).toBe(true);
    }
  }
  expect(json('miniprogram/components/retain-dashboard/retain-dashboard.json')).toEqual({ component: true, usingComponents: {} });
});

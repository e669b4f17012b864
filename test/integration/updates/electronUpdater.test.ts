// The real electron-updater against a generic feed served on loopback, through our adapter and the
// core's UpdateService: the feed setting reaches the library, a newer version is found, downloaded
// and checked against the feed's sha512, a bad checksum or a dead feed fails the check without
// raising anything at the user, and a feed at the current version is "up to date". Electron itself
// cannot start here, so the two pieces of it the library uses — `net.request` for HTTP and a
// session partition — are provided by Node's http; the install step (which would run the package
// manager) is never called.
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { electronUpdaterPort } from '../../../main/electron/updater';
import { UpdateService } from '../../../main/updates/updateService';

const require = createRequire(import.meta.url);
// electron-updater requires 'electron' from plain CommonJS, past vitest's alias: seed Node's cache.
// Its app adapter reads the version, paths and lifecycle from `app`; HTTP goes through `net`.
let userData = '';
const electronApp = {
  getVersion: () => '1.0.0',
  getName: () => 'Fumidai',
  isPackaged: true,
  getPath: () => userData,
  getAppPath: () => userData,
  whenReady: () => Promise.resolve(),
  relaunch: () => {},
  quit: () => {},
  once: () => {},
};
require.cache[require.resolve('electron')] = {
  exports: { app: electronApp, net: { request: (options: object) => request(options) }, session: { fromPartition: () => ({}) } },
} as unknown as NodeJS.Module;
const { DebUpdater } = require('electron-updater') as typeof import('electron-updater');

const installer = Buffer.alloc(256 * 1024, 7);
const sha512 = (b: Buffer) => createHash('sha512').update(b).digest('base64');

function feedYml(version: string, checksum = sha512(installer), extra: string[] = []): string {
  return [`version: ${version}`, ...extra, 'files:', `  - url: Fumidai_${version}_amd64.deb`, `    sha512: ${checksum}`, `    size: ${installer.length}`, `path: Fumidai_${version}_amd64.deb`, `sha512: ${checksum}`, "releaseDate: '2026-12-01T00:00:00.000Z'", ''].join('\n');
}

let server: Server;
let base = '';
const feeds = new Map<string, string>(); // folder → latest-linux.yml
const hits: string[] = [];
let dir = '';

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'fumidai-updater-'));
  server = createServer((req, res) => {
    hits.push(req.url ?? '');
    const [, folder, file] = (req.url ?? '').split('?')[0]!.split('/');
    const yml = feeds.get(folder ?? '');
    if (yml && file === 'latest-linux.yml') return res.end(yml);
    if (yml && file?.endsWith('.deb')) return res.end(installer);
    res.statusCode = 404;
    res.end('not found');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});
afterAll(() => {
  server.close();
  rmSync(dir, { recursive: true, force: true });
});

function world(feedFolder: string) {
  const home = mkdtempSync(join(dir, 'app-'));
  // What electron-builder writes into the installer's resources.
  writeFileSync(join(home, 'app-update.yml'), `provider: generic\nurl: https://downloads.fumidai.dev/releases\nupdaterCacheDirName: fumidai-updater\n`);
  // A packaged app: resources beside the binary, a per-user cache for downloads.
  (process as { resourcesPath?: string }).resourcesPath = home;
  process.env['XDG_CACHE_HOME'] = join(home, 'cache');
  userData = join(home, 'userData');
  const updater = new DebUpdater();
  const logs: string[] = [];
  const service = new UpdateService({
    updater: electronUpdaterPort(updater, (m) => logs.push(m)),
    currentVersion: '1.0.0',
    settings: () => ({ automatic: false, feedUrl: `${base}/${feedFolder}` }),
    liveSessions: () => 0,
    log: (m) => logs.push(m),
  });
  const done = () =>
    new Promise<ReturnType<UpdateService['status']>>((resolve) => {
      const off = service.onDidChangeStatus((s) => {
        if (s.state === 'ready' || s.state === 'failed' || s.state === 'up-to-date') {
          off();
          resolve(s);
        }
      });
    });
  return { service, logs, done };
}

describe('electron-updater through the adapter', () => {
  it('finds, downloads and verifies a newer version from the configured feed', async () => {
    feeds.set('good', feedYml('1.2.0'));
    const { service, done } = world('good');
    const progress: number[] = [];
    service.onDidChangeStatus((s) => s.percent !== undefined && progress.push(s.percent));
    const finished = done();
    service.checkNow();
    const status = await finished;
    expect(status).toMatchObject({ state: 'ready', version: '1.2.0', feedSource: 'settings', feedUrl: `${base}/good` });
    expect(hits.some((h) => h.startsWith('/good/latest-linux.yml'))).toBe(true);
    expect(hits).toContain('/good/Fumidai_1.2.0_amd64.deb');
    expect(progress[0]).toBe(0);
  }, 30_000);

  it('refuses a download whose checksum does not match the feed', async () => {
    feeds.set('tampered', feedYml('1.3.0', sha512(Buffer.from('something else'))));
    const { service, done } = world('tampered');
    const finished = done();
    service.checkNow();
    const status = await finished;
    expect(status.state).toBe('failed');
    expect(status.error).toMatch(/sha512 checksum mismatch/i);
    expect(status.version).toBeUndefined();
  }, 30_000);

  it('is up to date when the feed offers the running version', async () => {
    feeds.set('same', feedYml('1.0.0'));
    const { service, done } = world('same');
    const finished = done();
    service.checkNow();
    expect((await finished).state).toBe('up-to-date');
  }, 30_000);

  it('follows a staged rollout: a release at 0 % is not offered yet, at 100 % it is', async () => {
    feeds.set('staged0', feedYml('1.4.0', sha512(installer), ['stagingPercentage: 0']));
    const held = world('staged0');
    const heldDone = held.done();
    held.service.checkNow();
    expect((await heldDone).state).toBe('up-to-date');
    feeds.set('staged100', feedYml('1.4.0', sha512(installer), ['stagingPercentage: 100']));
    const offered = world('staged100');
    const offeredDone = offered.done();
    offered.service.checkNow();
    expect(await offeredDone).toMatchObject({ state: 'ready', version: '1.4.0' });
  }, 30_000);

  it('reports a feed that is not there, and stays out of the way', async () => {
    const { service, done, logs } = world('missing');
    const finished = done();
    service.checkNow();
    const status = await finished;
    expect(status.state).toBe('failed');
    expect(status.error).toMatch(/404/);
    expect(logs.some((l) => l.startsWith(`updates: check against ${base}/missing failed`))).toBe(true);
  }, 30_000);
});

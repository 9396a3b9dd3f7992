/// <reference types="node" />
// Global setup of the live-node journeys (`npm run e2e:node`):
//   1. a substrate-contracts-node on free ports with a temporary base path (the binary as
//      `make node` finds it: $CONTRACTS_NODE, else the cache; see scripts/node.sh);
//   2. the deployment plan and the seed, through the Rust deploy binary
//      (`deploy --artifacts ../artifacts plan|seed --backend node --dev [--config local-config.json] --url ... --manifest ...`;
//      the plan takes e2e-node/local-config.json: the built-in local parameters with dispute windows
//      of seconds, so that a dispute runs to its execution in a journey);
//   3. the production bundle built against the manifest the plan wrote (no dev wallet: the
//      journeys sign through an injected test extension), checked by check:prod, served by
//      `vite preview`.
// It returns the teardown, which stops the preview server and the node and removes the base path.

import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, copyFileSync, createWriteStream, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, connect as tcpConnect } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { STATE_FILE, type NodeState } from './state';

const APP = resolve(import.meta.dirname, '..');
const REPO = resolve(APP, '..');

function say(text: string) {
  process.stderr.write(`[e2e:node] ${text}\n`);
}

function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', fail);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => ok(port));
    });
  });
}

function portOpen(port: number): Promise<boolean> {
  return new Promise((ok) => {
    const s = tcpConnect({ host: '127.0.0.1', port });
    s.once('connect', () => (s.destroy(), ok(true)));
    s.once('error', () => ok(false));
  });
}

async function waitPort(port: number, what: string, ms: number) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (await portOpen(port)) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${what} did not open port ${port} within ${ms / 1000} s`);
}

function run(cmd: string, args: string[], opts: { env?: NodeJS.ProcessEnv; cwd?: string; log: string }) {
  const started = Date.now();
  const r = spawnSync(cmd, args, { cwd: opts.cwd ?? APP, env: { ...process.env, ...opts.env }, encoding: 'utf8', maxBuffer: 64 << 20 });
  writeFileSync(opts.log, `$ ${cmd} ${args.join(' ')}\n${r.stdout ?? ''}\n${r.stderr ?? ''}`);
  if (r.status !== 0) {
    throw new Error(`${cmd} ${args.join(' ')} failed (exit ${r.status}); log: ${opts.log}\n${(r.stderr || r.stdout || '').slice(-3000)}`);
  }
  return { out: r.stdout, seconds: (Date.now() - started) / 1000 };
}

function nodeBinary(): string {
  if (process.env.CONTRACTS_NODE) return process.env.CONTRACTS_NODE;
  const r = spawnSync('bash', [join(REPO, 'scripts/node.sh'), 'path', '--no-build'], { encoding: 'utf8' });
  const path = r.stdout.trim();
  if (r.status !== 0 || !path) {
    throw new Error('no substrate-contracts-node binary: set CONTRACTS_NODE, or see scripts/node.sh (`make node` builds one)');
  }
  return path;
}

/** The deploy binary with the node backend, copied into `dir`: another `cargo build -p deploy`
 * (without the feature) in the same target directory overwrites target/debug/deploy. */
function deployBinary(logDir: string, dir: string): string {
  if (process.env.PT_DEPLOY_BIN) return process.env.PT_DEPLOY_BIN;
  const target = process.env.CARGO_TARGET_DIR ?? join(REPO, 'target');
  say(`building the deploy binary (cargo build --locked -p deploy --features node; several minutes the first time)`);
  run('nice', ['-n', '10', 'cargo', 'build', '--locked', '--quiet', '-p', 'deploy', '--features', 'node'], {
    cwd: REPO,
    env: { CARGO_TARGET_DIR: target },
    log: join(logDir, 'cargo-build.log'),
  });
  const copy = join(dir, 'deploy');
  copyFileSync(join(target, 'debug', 'deploy'), copy);
  chmodSync(copy, 0o755);
  return copy;
}

export default async function globalSetup(): Promise<() => Promise<void>> {
  const logDir = resolve(APP, 'test-results-node');
  mkdirSync(logDir, { recursive: true });
  const base = mkdtempSync(join(tmpdir(), 'pt-e2e-node-'));
  const children: ChildProcess[] = [];
  const teardown = async () => {
    for (const child of children.reverse()) {
      if (child.exitCode === null && child.pid) {
        child.kill('SIGTERM');
        await new Promise((r) => {
          const t = setTimeout(() => (child.kill('SIGKILL'), r(undefined)), 5000);
          child.once('exit', () => (clearTimeout(t), r(undefined)));
        });
      }
    }
    rmSync(base, { recursive: true, force: true });
    say('node and preview server stopped');
  };
  try {
    const node = nodeBinary();
    const deploy = deployBinary(logDir, base);
    const rpcPort = await freePort();
    const p2pPort = await freePort();
    const url = `ws://127.0.0.1:${rpcPort}`;
    say(`starting ${node} on ${url} (base path ${base})`);
    const nodeLog = createWriteStream(join(logDir, 'node.log'));
    const nodeProc = spawn(node, ['--dev', '--base-path', join(base, 'chain'), '--rpc-port', String(rpcPort), '--port', String(p2pPort), '--no-prometheus', '--no-telemetry'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    nodeProc.stdout?.pipe(nodeLog);
    nodeProc.stderr?.pipe(nodeLog);
    children.push(nodeProc);
    await waitPort(rpcPort, 'the node', 60_000);

    const manifest = join(base, 'local.json');
    const artifacts = join(REPO, 'artifacts');
    // The built-in local parameters, except governance's windows: 20 s of evidence,
    // 30 s to commit, 30 s to reveal, 20 s to appeal, so a dispute runs to its execution here;
    // 30 s of proposal voting and timelocks of 5 s (ordinary) and 15 s (constitutional).
    const config = join(import.meta.dirname, 'local-config.json');
    const plan = run(deploy, ['--artifacts', artifacts, 'plan', '--backend', 'node', '--dev', '--config', config, '--url', url, '--manifest', manifest], { log: join(logDir, 'plan.log') });
    say(`deployment plan done in ${plan.seconds.toFixed(1)} s`);
    const seed = run(deploy, ['--artifacts', artifacts, 'seed', '--backend', 'node', '--dev', '--url', url, '--manifest', manifest], { log: join(logDir, 'seed.log') });
    say(`seed done in ${seed.seconds.toFixed(1)} s`);

    const outDir = 'dist-node';
    const env = { VITE_MANIFEST_PATH: manifest, VITE_NETWORK: 'local', VITE_DEV_WALLET: 'false' };
    const vite = join(APP, 'node_modules/vite/bin/vite.js');
    const build = run(process.execPath, [vite, 'build', '--outDir', outDir, '--emptyOutDir'], { env, log: join(logDir, 'vite-build.log') });
    run(process.execPath, ['scripts/check-prod.mjs', outDir], { log: join(logDir, 'check-prod.log') });
    say(`app built in ${build.seconds.toFixed(1)} s`);
    const previewPort = Number(process.env.PT_E2E_NODE_PORT ?? 4174);
    const preview = spawn(process.execPath, [vite, 'preview', '--outDir', outDir, '--host', '127.0.0.1', '--port', String(previewPort), '--strictPort'], {
      cwd: APP,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: false,
    });
    const previewLog = createWriteStream(join(logDir, 'preview.log'));
    preview.stdout?.pipe(previewLog);
    preview.stderr?.pipe(previewLog);
    children.push(preview);
    await waitPort(previewPort, 'vite preview', 30_000);

    const state: NodeState = { url, manifest, appUrl: `http://127.0.0.1:${previewPort}`, planSeconds: plan.seconds, seedSeconds: seed.seconds };
    writeFileSync(STATE_FILE, JSON.stringify(state, null, 2));
    say(`app at ${state.appUrl}, node at ${url}`);
    return teardown;
  } catch (e) {
    await teardown();
    throw e;
  }
}

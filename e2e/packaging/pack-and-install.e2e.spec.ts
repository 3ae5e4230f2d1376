// Needs running: RabbitMQ at AMQP_URL and FerretDB (or MongoDB) at MONGO_URL; the npm registry (or a warm pnpm store).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { topology, type AnySystem } from '@saga/contracts';
import { AMQP_URL, MONGO_URL, OutputTail, ServiceProcess, deleteTopology, dropDatabases, eventually, freePort, testNamespace } from '@saga/runtime/testing';
import { ROOT } from '../system.ts';
import { installedProjectFiles } from './installed-project.ts';

/** The framework packages a team installs, in build order (each builds against the ones before). */
const PACKAGES = ['contracts', 'runtime', 'orchestrator'] as const;
const PNPM = process.env['npm_execpath'] ?? 'pnpm';

let project: string;
const processes: ServiceProcess[] = [];
const output = new OutputTail();
const namespace = testNamespace('packed');

/** Polls until `check` holds (a fetch that fails counts as not yet), else fails saying what it waited for and what the processes printed. */
async function until(check: () => Promise<boolean> | boolean, what: string): Promise<void> {
  await eventually(async () => {
    if (!(await check())) throw new Error('not yet');
  }, { timeoutMs: 90_000 }).catch(() => {
    throw new Error(`timed out waiting for ${what}; the processes printed:\n${output}`);
  });
}

function run(command: string, args: string[], cwd: string): string {
  try {
    return execFileSync(command, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, CI: 'true' } });
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: string; stderr?: string };
    throw new Error(`${[command, ...args].join(' ')} failed in ${cwd}:\n${stdout ?? ''}${stderr ?? ''}`, { cause: error });
  }
}

function pnpm(args: string[], cwd: string): string {
  // npm_execpath is pnpm's own script when vitest runs under pnpm; run it with this node.
  return PNPM.endsWith('.cjs') || PNPM.endsWith('.js') ? run(process.execPath, [PNPM, ...args], cwd) : run(PNPM, args, cwd);
}

beforeAll(() => {
  project = mkdtempSync(join(tmpdir(), 'saga-installed-'));
  const tarballs = join(project, 'tarballs');
  mkdirSync(tarballs);
  const tsc = join(ROOT, 'node_modules/typescript/bin/tsc');
  const specs: Record<string, string> = {};
  for (const name of PACKAGES) {
    const dir = join(ROOT, name);
    rmSync(join(dir, 'dist'), { recursive: true, force: true });
    run(process.execPath, [tsc, '-p', 'tsconfig.build.json'], dir);
    const packed = pnpm(['pack', '--pack-destination', tarballs], dir).trim().split('\n').at(-1)!;
    specs[`@saga/${name}`] = `file:${packed}`;
  }
  const zod = JSON.parse(readFileSync(join(ROOT, 'contracts/package.json'), 'utf8')).dependencies.zod as string;
  const typesNode = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).devDependencies['@types/node'] as string;
  writeFileSync(join(project, 'package.json'), JSON.stringify({
    name: 'installed-saga-project', private: true, type: 'module',
    dependencies: { ...specs, zod },
    devDependencies: { '@types/node': typesNode },
    // The tarballs depend on each other by version; point those at the tarballs too.
    pnpm: { overrides: specs },
  }, null, 2));
  for (const [path, text] of Object.entries(installedProjectFiles)) {
    mkdirSync(dirname(join(project, path)), { recursive: true });
    writeFileSync(join(project, path), text);
  }
  pnpm(['install', '--prefer-offline', '--config.confirmModulesPurge=false'], project);
}, 600_000);

afterAll(async () => {
  await Promise.all(processes.map((p) => p.stop('SIGKILL')));
  await dropDatabases(namespace).catch(() => undefined);
  if (project && existsSync(join(project, 'node_modules'))) {
    const { greetings } = (await import(join(project, 'src/system.ts'))) as { greetings: AnySystem };
    await deleteTopology(topology(greetings, namespace)).catch(() => undefined);
  }
  if (project && !process.env['KEEP_INSTALLED_PROJECT']) rmSync(project, { recursive: true, force: true });
});

describe('the framework installed from packed tarballs into a project outside the workspace', () => {
  it('ships JavaScript and declarations only, resolved through the exports map', () => {
    const installed = JSON.parse(readFileSync(join(project, 'node_modules/@saga/orchestrator/package.json'), 'utf8'));
    expect(installed.exports['.']).toEqual({ types: './dist/index.d.ts', default: './dist/index.js' });
    expect(installed.dependencies['@saga/runtime']).not.toMatch(/^workspace:/);
    const resolved = run(process.execPath, ['--input-type=module', '-e', "console.log(import.meta.resolve('@saga/orchestrator'))"], project).trim();
    expect(resolved).toMatch(/node_modules\/.*@saga\/orchestrator\/dist\/index\.js$/);
  });

  it('typechecks the team\'s saga against the installed declarations, and catches a wrong payload', () => {
    expect(() => run(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json'], project)).not.toThrow();
  });

  it('runs a one-step saga with one participant against the real RabbitMQ and FerretDB', async () => {
    const port = await freePort();
    const env = { AMQP_URL, MONGO_URL, SAGA_NAMESPACE: namespace, HTTP_PORT: String(port), LOG_LEVEL: 'info' };
    for (const main of ['src/orchestrator.ts', 'src/greeter.ts']) {
      processes.push(new ServiceProcess({ command: process.execPath, args: [main], cwd: project, env, onOutput: (text) => output.append(text) }));
    }
    const base = `http://127.0.0.1:${port}`;
    await until(async () => (await fetch(`${base}/healthz`)).ok, 'the orchestrator to be healthy');
    await until(() => output.toString().includes('participant ready'), 'the greeter to be ready');

    const started = await fetch(`${base}/sagas`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ sagaType: 'greet', sagaId: 'greet-1', input: { name: 'Ada' } }) });
    expect(started.status, await started.clone().text()).toBeLessThan(300);

    let saga: { status?: string; steps?: Record<string, { result?: unknown }> } = {};
    await until(async () => {
      saga = (await (await fetch(`${base}/sagas/greet-1`)).json()) as typeof saga;
      return saga.status === 'completed';
    }, 'the saga to complete');
    expect(saga.steps?.['greet']?.result).toEqual({ greeting: 'Hello, Ada' });
  }, 240_000);
});

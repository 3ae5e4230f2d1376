// The architecture as a test, over every TypeScript file of the framework and the apps (the same
// check eslint.config.js runs as `saga/boundaries`), plus the cases that prove the check is live.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { ESLint } from 'eslint';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { importViolation, zoneOf } from './lib/boundaries.ts';
import { REPO_ROOT } from './lib/system-layout.ts';
import { readWorkspace, type Workspace } from './lib/workspace.ts';

const workspace = readWorkspace(REPO_ROOT);

/** Every import of every .ts file under the root's framework and app folders, with what is wrong with it. */
function sweep(ws: Workspace): Array<{ file: string; specifier: string; reason: string | undefined }> {
  // examples/ as a whole as well: an example without a package.json is still held to the rules.
  const dirs = [...ws.packages.map((p) => p.dir), 'examples'];
  const files = dirs.flatMap((dir) => tsFiles(join(ws.root, dir))).map((f) => relative(ws.root, f).split(sep).join('/'));
  return [...new Set(files)].flatMap((file) =>
    ts.preProcessFile(readFileSync(join(ws.root, file), 'utf8'), true, true).importedFiles.map(({ fileName: specifier }) => ({ file, specifier, reason: importViolation(ws, file, specifier) })),
  );
}

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    if (e.isDirectory()) return e.name === 'node_modules' || e.name === 'dist' || e.name.startsWith('.') ? [] : tsFiles(join(dir, e.name));
    return e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') ? [join(dir, e.name)] : [];
  });
}

const imports = sweep(workspace);
const broken = (where: (file: string) => boolean) => imports.filter((i) => where(i.file) && i.reason).map((i) => `${i.file}: ${i.reason}`);
const zone = (file: string) => zoneOf(workspace, file);

describe('the workspace boundaries', () => {
  it('read each participant from its folder (participants/<name>, examples/<app>/participants/<name>)', () => {
    const folders = [
      ...readdirSync(join(REPO_ROOT, 'participants')).map((p) => `participants/${p}`),
      ...readdirSync(join(REPO_ROOT, 'examples'), { withFileTypes: true })
        .filter((e) => e.isDirectory() && readdirSync(join(REPO_ROOT, 'examples', e.name)).includes('participants'))
        .flatMap((e) => readdirSync(join(REPO_ROOT, 'examples', e.name, 'participants')).map((p) => `examples/${e.name}/participants/${p}`)),
    ];
    expect(folders).toContain('participants/payment');
    for (const folder of folders) expect(zone(`${folder}/src/main.ts`), folder).toMatchObject({ kind: 'app', part: 'participant', participant: folder.split('/').at(-1) });
  });

  it('see imports in the files they sweep', () => {
    expect(imports.filter((i) => i.file.startsWith('participants/payment/')).map((i) => i.specifier)).toContain('@saga/runtime');
  });

  it('hold: no file under examples/ reaches into a framework package past its public entry points', () => {
    expect(broken((file) => file.startsWith('examples/'))).toEqual([]);
  });

  it('hold: framework code imports nothing of the order system nor of examples/', () => {
    expect(broken((file) => zone(file).kind === 'framework')).toEqual([]);
  });

  it('hold: no participant imports another participant or an orchestrator, and no orchestrator a participant', () => {
    expect(broken((file) => zone(file).kind === 'app')).toEqual([]);
  });
});

describe('importViolation', () => {
  // A small workspace of its own, so these cases do not move when the real folders do.
  const ws: Workspace = {
    root: '/repo',
    packages: [
      { name: '@saga/runtime', dir: 'runtime', exports: { '.': './src/index.ts', './testing': './src/testing/index.ts' } },
      { name: '@saga/orchestrator', dir: 'orchestrator', exports: { '.': './src/index.ts' } },
      { name: '@shop/contracts', dir: 'shop/contracts', exports: { '.': './src/index.ts' } },
      { name: '@shop/orchestrator', dir: 'shop/orchestrator', exports: { '.': './src/index.ts' } },
      { name: '@shop/stock', dir: 'participants/stock', exports: { '.': './src/index.ts' } },
      { name: '@shop/billing', dir: 'participants/billing', exports: { '.': './src/index.ts' } },
      { name: '@shop/sandbox', dir: 'sandbox', exports: { '.': './src/index.ts' } },
      { name: '@demo/app', dir: 'examples/demo', exports: { './contracts': './contracts/src/index.ts' } },
      { name: '@saga/e2e', dir: 'e2e', exports: {} },
    ],
  };
  const stock = 'participants/stock/src/handlers/reserve.ts';
  const demo = 'examples/demo/participants/mailer/src/main.ts';

  it.each([
    ['runtime/src/bus.ts', '@shop/contracts', "framework code (@saga/runtime) imports no system's code"],
    ['runtime/src/bus.ts', '../../examples/demo/contracts/src/index.ts', "framework code (@saga/runtime) imports no system's code"],
    ['runtime/src/bus.ts', '../../examples/order.json', 'under examples/'],
    [demo, '@saga/runtime/src/config.ts', 'public entry points (@saga/runtime, @saga/runtime/testing)'],
    [demo, '../../../../../runtime/src/config.ts', 'public entry points'],
    [demo, '@shop/contracts', 'imports nothing of another system'],
    [demo, '../../audit/src/main.ts', 'imports no other participant'],
    [demo, '@demo/app/contracts', undefined],
    [demo, '@saga/runtime/testing', undefined],
    [demo, '@saga/orchestrator', 'does not import the orchestrator'],
    [stock, '@shop/billing', 'imports no other participant'],
    [stock, '../../../billing/src/main.ts', 'imports no other participant'],
    [stock, '@shop/orchestrator', 'does not import the orchestrator'],
    [stock, '@shop/sandbox', 'nothing imports the sandbox'],
    [stock, '../reserve-rules.ts', undefined],
    [stock, '@shop/contracts', undefined],
    [stock, 'zod', undefined],
    ['shop/orchestrator/src/main.ts', '@shop/stock', 'the orchestrator never imports a participant'],
    ['sandbox/src/main.ts', '@shop/stock', undefined],
    ['e2e/cluster.ts', '@saga/runtime/src/anything.ts', undefined],
  ])('%s importing %s: %s', (from, specifier, reason) => {
    const found = importViolation(ws, from, specifier);
    if (reason === undefined) expect(found).toBeUndefined();
    else expect(found).toContain(reason);
  });
});

describe('eslint.config.js', () => {
  it('runs the same check as saga/boundaries', async () => {
    const eslint = new ESLint({ cwd: REPO_ROOT });
    const code = "import { loadConfig } from '@saga/runtime/src/config.ts';\nexport const c = loadConfig;\n";
    const [result] = await eslint.lintText(code, { filePath: join(REPO_ROOT, 'examples/boundary-probe/participants/probe/src/probe.ts') });
    expect(result?.messages.map((m) => m.ruleId)).toEqual(['saga/boundaries']);
  });
});

import { posix } from 'node:path';
import type { Workspace, WorkspacePackage } from './workspace.ts';

/**
 * The framework: generic over any team's system, so it may see no system's code. Its packages are
 * named here (the framework's own identity); everything else — which apps, which participants — is
 * read from the folders.
 */
export const FRAMEWORK_PACKAGES: ReadonlySet<string> = new Set(['@saga/contracts', '@saga/runtime', '@saga/orchestrator', '@saga/asyncapi', '@saga/test-support']);

/** The part of a system's code a file belongs to. */
export type AppPart = { part: 'participant'; participant: string } | { part: 'orchestrator' } | { part: 'sandbox' } | { part: 'shared' };

/**
 * Where a file sits: in a framework package; in an app (a system built on the framework: the order
 * system's packages, scoped @order-fulfilment, or a folder examples/<app>/); or elsewhere (e2e,
 * scripts, root files), which the boundaries do not restrict.
 */
export type Zone = { kind: 'framework'; package: string } | ({ kind: 'app'; app: string } & AppPart) | { kind: 'other' };

/** The zone of a root-relative, `/`-separated path. */
export function zoneOf(ws: Workspace, path: string): Zone {
  const example = /^examples\/([^/]+)\//.exec(path);
  const pkg = packageAt(ws, path);
  let app: string;
  if (example) app = `examples/${example[1]}`;
  else if (path.startsWith('examples/')) return { kind: 'app', app: 'examples', part: 'shared' };
  else if (pkg && FRAMEWORK_PACKAGES.has(pkg.name)) return { kind: 'framework', package: pkg.name };
  else if (pkg?.name.startsWith('@') && !pkg.name.startsWith('@saga/')) app = pkg.name.slice(1, pkg.name.indexOf('/'));
  else return { kind: 'other' };
  // The part is named by the folders above src/ (or test/): participants/<p>, …/orchestrator, sandbox.
  const where = (example ? path.slice(app.length + 1) : path).split(/\/(?:src|test)\//)[0] ?? '';
  const participant = /(?:^|\/)participants\/([^/]+)$/.exec(where);
  if (participant?.[1]) return { kind: 'app', app, part: 'participant', participant: participant[1] };
  if (/(?:^|\/)orchestrator$/.test(where)) return { kind: 'app', app, part: 'orchestrator' };
  if (/(?:^|\/)sandbox$/.test(where)) return { kind: 'app', app, part: 'sandbox' };
  return { kind: 'app', app, part: 'shared' };
}

/** What an import specifier names inside the workspace; undefined for third-party and node: modules. */
export interface ImportTarget {
  /** The root-relative file (or folder) it reaches. */
  path: string;
  /** For a bare specifier: the workspace package and the subpath asked for (`.`, `./testing`, `./src/x.ts`). */
  package?: WorkspacePackage;
  subpath?: string;
}

export function resolveImport(ws: Workspace, from: string, specifier: string): ImportTarget | undefined {
  if (specifier.startsWith('.')) return { path: posix.normalize(posix.join(posix.dirname(from), specifier)) };
  const pkg = ws.packages.find((p) => specifier === p.name || specifier.startsWith(`${p.name}/`));
  if (!pkg) return undefined;
  const subpath = `.${specifier.slice(pkg.name.length)}`;
  return { path: posix.normalize(posix.join(pkg.dir, pkg.exports[subpath] ?? subpath)), package: pkg, subpath };
}

/**
 * Why `from` may not import `specifier`, or undefined when it may:
 * - framework code imports no app's code (the order system's, an example's, anything under examples/);
 * - an app reaches a framework package only through its `exports` (its public entry points), never
 *   `@saga/x/src/…` nor a relative path into the package's folder; and imports no other app;
 * - a participant imports no other participant, no orchestrator (the app's nor @saga/orchestrator),
 *   and the app's orchestrator no participant; nothing but the sandbox imports the sandbox.
 */
export function importViolation(ws: Workspace, from: string, specifier: string): string | undefined {
  const source = zoneOf(ws, from);
  if (source.kind === 'other') return undefined;
  const target = resolveImport(ws, from, specifier);
  if (!target) return undefined;
  const to = zoneOf(ws, target.path);
  if (source.kind === 'framework') {
    return to.kind === 'app' ? `framework code (${source.package}) imports no system's code; ${specifier} is ${describe(to)}` : undefined;
  }
  if (to.kind === 'framework') {
    const pkg = ws.packages.find((p) => p.name === to.package);
    if (!target.package || !Object.hasOwn(target.package.exports, target.subpath ?? '')) {
      const entries = Object.keys(pkg?.exports ?? {}).map((subpath) => `${to.package}${subpath.slice(1)}`);
      return `${source.app} uses the framework through its public entry points (${entries.join(', ') || `${to.package} has none`}), not ${specifier}`;
    }
    if (source.part === 'participant' && to.package === '@saga/orchestrator') return `a participant (${source.participant}) does not import the orchestrator (${specifier})`;
    return undefined;
  }
  if (to.kind !== 'app') return undefined;
  if (to.app !== source.app) return `${source.app} imports nothing of another system; ${specifier} is ${describe(to)}`;
  if (to.part === 'sandbox' && source.part !== 'sandbox') return `nothing imports the sandbox, which composes everything (${specifier})`;
  if (source.part === 'participant') {
    if (to.part === 'participant' && to.participant !== source.participant) return `a participant (${source.participant}) imports no other participant; ${specifier} is ${describe(to)}`;
    if (to.part === 'orchestrator') return `a participant (${source.participant}) does not import the orchestrator (${specifier})`;
  }
  if (source.part === 'orchestrator' && to.part === 'participant') return `the orchestrator never imports a participant; ${specifier} is ${describe(to)}`;
  return undefined;
}

function describe(zone: Zone): string {
  if (zone.kind !== 'app') return zone.kind === 'framework' ? zone.package : 'outside the apps';
  if (zone.app === 'examples') return 'under examples/';
  const part = zone.part === 'participant' ? `participant ${zone.participant}` : zone.part === 'shared' ? 'code' : zone.part;
  return `${zone.app}'s ${part}`;
}

function packageAt(ws: Workspace, path: string): WorkspacePackage | undefined {
  let best: WorkspacePackage | undefined;
  for (const p of ws.packages) if ((path === p.dir || path.startsWith(`${p.dir}/`)) && p.dir.length > (best?.dir.length ?? -1)) best = p;
  return best;
}

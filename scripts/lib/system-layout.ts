import { existsSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';

/** The repository root, which every path of a layout is relative to. */
export const REPO_ROOT = resolve(import.meta.dirname, '../..');

/**
 * Where a system's deployables start: the orchestrator's entry file and each participant's. Paths
 * are relative to the repository root, with `/` separators, because they end up in commands that
 * run in another checkout (the Docker image's /app) as well as this one.
 */
export interface SystemLayout {
  /** The orchestrator's main file, e.g. `order-fulfilment/orchestrator/src/main.ts`. */
  orchestrator: string;
  /** A participant's main file, `<name>` standing for the participant, e.g. `participants/<name>/src/main.ts`. */
  participant: string;
}

/** The entry file of one service of a layout: `orchestrator` or a participant's name. */
export function entryOf(layout: SystemLayout, service: string): string {
  return service === 'orchestrator' ? layout.orchestrator : layout.participant.replaceAll('<name>', service);
}

/**
 * The layout by convention, found from the system module upwards (never above the root): the
 * orchestrator is the nearest `orchestrator/src/main.ts`, the participants live in the nearest
 * `participants/` folder, each in `participants/<name>/src/main.ts`. That fits the order system
 * (order-fulfilment/orchestrator, with its participants at the root's participants/) and an example
 * that keeps everything in one folder (examples/<app>/orchestrator, examples/<app>/participants) —
 * so adding a participant is its folder plus its name in the description, nothing else.
 */
export function conventionalLayout(systemModule: string, root: string = REPO_ROOT, exists: (path: string) => boolean = isPresent): SystemLayout {
  const module = isAbsolute(systemModule) ? systemModule : resolve(root, systemModule);
  const above = ancestors(dirname(module), root);
  const orchestrator = above.find((dir) => exists(join(dir, 'orchestrator/src/main.ts')));
  const participants = above.find((dir) => exists(join(dir, 'participants')));
  if (!orchestrator || !participants) {
    const missing = [!orchestrator && 'orchestrator/src/main.ts', !participants && 'participants/'].filter(Boolean).join(' nor ');
    const where = relative(root, dirname(module)) || '.';
    throw Object.assign(new Error(`found no ${missing} in ${where} or a folder above it (up to the repository root), where the convention looks for the system's services`), { code: 'ERR_NO_LAYOUT' });
  }
  return {
    orchestrator: posix(relative(root, join(orchestrator, 'orchestrator/src/main.ts'))),
    participant: posix(relative(root, join(participants, 'participants/<name>/src/main.ts'))),
  };
}

/** The folder and each one above it, up to and including the root (nothing outside it). */
function ancestors(dir: string, root: string): string[] {
  const inside = relative(root, dir);
  if (inside.startsWith('..') || isAbsolute(inside)) return [];
  const dirs = [dir];
  for (let d = dir; d !== root; ) dirs.push((d = dirname(d)));
  return dirs;
}

function isPresent(path: string): boolean {
  return existsSync(path) && (path.endsWith('.ts') || statSync(path).isDirectory());
}

function posix(path: string): string {
  return path.split(sep).join('/');
}

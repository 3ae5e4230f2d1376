import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

/** One package of the workspace, as its package.json says. */
export interface WorkspacePackage {
  name: string;
  /** Its folder, relative to the root, `/`-separated. */
  dir: string;
  /** Its public entry points: the `exports` map's subpaths (`.`, `./testing`) and the files they name. */
  exports: Readonly<Record<string, string>>;
}

/** The packages and folders the import boundaries are computed from, read at lint or test time. */
export interface Workspace {
  root: string;
  packages: readonly WorkspacePackage[];
}

/** Folders that hold no source of ours, or too much to walk. */
const SKIP = new Set(['node_modules', 'reports', 'html', 'dist', 'coverage']);
/** Deep enough for examples/<app>/participants/<name>/package.json. */
const MAX_DEPTH = 4;

/**
 * Every package.json with a name below the root (not the root's own), found by walking the folders,
 * so that a participant folder added anywhere — participants/<name>, examples/<app>/participants/<name>
 * — is known without a list to update.
 */
export function readWorkspace(root: string): Workspace {
  const packages: WorkspacePackage[] = [];
  const walk = (dir: string, depth: number): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory() && depth < MAX_DEPTH && !entry.name.startsWith('.') && !SKIP.has(entry.name)) walk(join(dir, entry.name), depth + 1);
      if (entry.isFile() && entry.name === 'package.json' && dir !== root) {
        const manifest = JSON.parse(readFileSync(join(dir, entry.name), 'utf8')) as { name?: string; exports?: unknown; main?: string };
        if (manifest.name) packages.push({ name: manifest.name, dir: relative(root, dir).split(sep).join('/'), exports: exportsOf(manifest) });
      }
    }
  };
  walk(root, 0);
  return { root, packages };
}

/** Subpath → file. Conditional exports (`{ import, default }`) count by their first string target. */
function exportsOf(manifest: { exports?: unknown; main?: string }): Record<string, string> {
  const { exports, main } = manifest;
  if (typeof exports === 'string') return { '.': exports };
  if (exports && typeof exports === 'object') {
    const entries = Object.entries(exports as Record<string, unknown>);
    if (entries.every(([key]) => !key.startsWith('.'))) return { '.': firstTarget(exports) ?? '' };
    return Object.fromEntries(entries.map(([key, target]) => [key, firstTarget(target) ?? '']));
  }
  return main ? { '.': main } : {};
}

function firstTarget(target: unknown): string | undefined {
  if (typeof target === 'string') return target;
  return target && typeof target === 'object' ? firstTarget(Object.values(target)[0]) : undefined;
}

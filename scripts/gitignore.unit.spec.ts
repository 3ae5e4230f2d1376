import { execFileSync, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');
const scripts = ['run', 'test', 'saga', '.ci/run', ...shellFiles('scripts'), ...shellFiles('scripts/lib')];
/** Written by package.json scripts rather than a shell script: `pnpm run docs`. */
const alsoWritten = ['asyncapi/html/'];

/** Every `# Writes: <path>` line of the scripts, PORT standing for any port. */
const written = [
  ...scripts.flatMap((file) => [...readFileSync(join(root, file), 'utf8').matchAll(/^# Writes: (\S+)$/gm)].map((m) => ({ file, path: m[1] ?? '' }))),
  ...alsoWritten.map((path) => ({ file: 'package.json', path })),
];
const inGit = spawnSync('git', ['rev-parse', '--is-inside-work-tree'], { cwd: root, encoding: 'utf8' }).stdout.trim() === 'true';

describe('what a run writes', () => {
  it('is named by the scripts that write it', () => {
    expect(written.map((w) => w.path)).toEqual(expect.arrayContaining(['.tools/node/', '.tools/ferretdb/', '.data/ferretdb-PORT/', 'node_modules/', 'reports/vitest.json']));
  });

  it.skipIf(!inGit).each(written)('is ignored by git and not committed: $path ($file)', ({ path }) => {
    // A file inside a directory: that is what a run creates, and what `git status` would show.
    const example = path.replace('PORT', '27117') + (path.endsWith('/') ? 'example' : '');
    const check = spawnSync('git', ['check-ignore', '--quiet', '--no-index', example], { cwd: root });
    expect(check.status, `${example} is not ignored by .gitignore`).toBe(0);
    expect(git('ls-files', '--', path.replace(/PORT.*$/, ''))).toBe('');
  });

  it.skipIf(!inGit)("leaves no FerretDB state.json committed at the root (it goes under .data/ now)", () => {
    expect(git('ls-files', '--', 'state.json')).toBe('');
  });
});

function shellFiles(dir: string): string[] {
  return readdirSync(join(root, dir)).filter((name) => name.endsWith('.sh')).map((name) => `${dir}/${name}`);
}

function git(...args: string[]): string {
  return execFileSync('git', args, { cwd: root, encoding: 'utf8' }).trim();
}

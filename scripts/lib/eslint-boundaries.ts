import { relative, sep } from 'node:path';
import type { ESLint, Rule } from 'eslint';
import { importViolation } from './boundaries.ts';
import { readWorkspace, type Workspace } from './workspace.ts';

/**
 * The import boundaries of scripts/lib/boundaries.ts as an ESLint rule, `saga/boundaries`: the
 * workspace (its packages, their exports, the participant folders) is read once per lint run, so a
 * participant added as a folder is covered without touching eslint.config.js.
 * scripts/boundaries.unit.spec.ts runs the same check over every file without ESLint.
 */
export function boundariesPlugin(root: string): ESLint.Plugin {
  let workspace: Workspace | undefined;
  const rule: Rule.RuleModule = {
    meta: {
      type: 'problem',
      docs: { description: 'Keep framework, apps and participants apart (scripts/lib/boundaries.ts)' },
      schema: [],
      messages: { boundary: '{{reason}}' },
    },
    create(context) {
      const from = relative(root, context.filename).split(sep).join('/');
      if (from.startsWith('..')) return {};
      const check = (node: unknown): void => {
        const source = node as { type?: string; value?: unknown } | null | undefined;
        if (source?.type !== 'Literal' || typeof source.value !== 'string') return;
        workspace ??= readWorkspace(root);
        const reason = importViolation(workspace, from, source.value);
        if (reason) context.report({ node: source as Rule.Node, messageId: 'boundary', data: { reason } });
      };
      return {
        ImportDeclaration: (node) => check(node.source),
        ExportNamedDeclaration: (node) => check(node.source),
        ExportAllDeclaration: (node) => check(node.source),
        ImportExpression: (node) => check(node.source),
        // `import('x').T` in a type: typescript-eslint's TSImportType, its specifier a literal type.
        TSImportType: (node: { argument?: { literal?: unknown }; source?: unknown }) => check(node.source ?? node.argument?.literal),
      } as Rule.RuleListener;
    },
  };
  return { meta: { name: 'saga-boundaries' }, rules: { boundaries: rule } };
}

/**
 * The files of a tiny project outside the workspace that installs the framework from tarballs: its
 * own system (one participant, `greeter`), a one-step saga, its orchestrator's and participant's
 * mains. Only the packages' public entry points are imported, as a team would.
 */
export const installedProjectFiles: Record<string, string> = {
  'src/system.ts': `
import { z } from 'zod';
import { defineMessage, defineSystem } from '@saga/contracts';

const Greet = z.object({ name: z.string().min(1).max(40) });
const Greeted = z.object({ greeting: z.string() });

export const greetings = defineSystem({
  name: 'greetings',
  participants: ['greeter'],
  messages: {
    Greet: defineMessage({ type: 'Greet', version: 1, kind: 'command', from: 'orchestrator', to: 'greeter', payload: Greet, description: 'Greet someone.', example: { name: 'Ada' } }),
    Greeted: defineMessage({ type: 'Greeted', version: 1, kind: 'reply', from: 'greeter', to: 'orchestrator', payload: Greeted, answers: 'Greet', outcome: 'succeeded', description: 'Greeted.', example: { greeting: 'Hello, Ada' } }),
  },
});
export type Greetings = typeof greetings;
`,
  'src/saga.ts': `
import { z } from 'zod';
import { defineSaga } from '@saga/orchestrator';
import { greetings } from './system.ts';

export const greet = defineSaga(greetings, {
  name: 'greet',
  version: 1,
  description: 'Say hello.',
  input: z.object({ name: z.string() }),
  steps: [{ name: 'greet', participant: 'greeter', kind: 'pivot', action: { command: 'Greet', build: ({ input }) => ({ name: input.name }) } }],
});
`,
  'src/orchestrator.ts': `
import { orchestratorMain } from '@saga/orchestrator';
import { greetings } from './system.ts';
import { greet } from './saga.ts';

await orchestratorMain({ system: greetings, sagas: [greet] });
`,
  'src/greeter.ts': `
import { defineParticipant, participantMain } from '@saga/runtime';
import { greetings } from './system.ts';

const greeter = defineParticipant(greetings, {
  name: 'greeter',
  handles: { Greet: async ({ payload }) => ({ type: 'Greeted', payload: { greeting: 'Hello, ' + payload.name } }) },
});

await participantMain({ system: greetings, name: 'greeter', collections: [], create: () => greeter });
`,
  // A type error the compiler must catch through the installed declarations: Greet has no 'nme'.
  'typecheck/wrong-payload.ts': `
import { defineSaga } from '@saga/orchestrator';
import { z } from 'zod';
import { greetings } from '../src/system.ts';

defineSaga(greetings, {
  name: 'wrong', version: 1, description: 'x', input: z.object({ name: z.string() }),
  // @ts-expect-error build must return Greet's payload
  steps: [{ name: 'greet', participant: 'greeter', kind: 'pivot', action: { command: 'Greet', build: () => ({ nme: 'x' }) } }],
});
`,
  'tsconfig.json': JSON.stringify({
    compilerOptions: {
      target: 'es2024', module: 'nodenext', moduleResolution: 'nodenext', strict: true, noEmit: true,
      allowImportingTsExtensions: true, verbatimModuleSyntax: true, erasableSyntaxOnly: true, skipLibCheck: true, types: ['node'],
    },
    include: ['src', 'typecheck'],
  }, null, 2),
};

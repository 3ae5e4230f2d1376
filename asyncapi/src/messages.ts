import type { AnySystem, MessageContract, Topology } from '@saga/contracts';
import { AMQP_BINDING_VERSION } from './channels.ts';
import { routeSentence, type Route } from './routes.ts';
import { exampleEnvelope } from './examples.ts';
import { ref, type JsonObject } from './json.ts';
import type { Placement } from './saga-placement.ts';
import { envelopeSchemaId, schemaRef } from './schemas.ts';

/**
 * The AMQP headers table the publisher sets. Consumers decode the body only; the header is there
 * so tools (management UI, tracing) can tell versions apart without parsing.
 */
function headersSchema(contract: MessageContract): JsonObject {
  return {
    type: 'object',
    properties: {
      'x-schema-version': {
        type: 'integer',
        enum: [...contract.acceptedVersions],
        description: 'Copy of the envelope schemaVersion. Informational: consumers read the version from the body.',
      },
    },
  };
}

/** Where one message type travels: as its sender publishes it, and where the orchestrator forwards it (StartSaga). */
export interface MessageRoutes {
  route: Route;
  forward: Route | undefined;
}

function describeMessage(system: AnySystem, contract: MessageContract, { route, forward }: MessageRoutes, placement: Placement | undefined, topology: Topology): string {
  const internal = contract.from === contract.to;
  const lines = [
    `**${contract.kind === 'command' ? 'Command' : 'Reply'}** from **${contract.from}** to **${contract.to}**${internal ? ' (internal: the orchestrator sends it to itself)' : ''}.`,
    `Schema version ${contract.version}; consumers accept ${contract.acceptedVersions.join(', ')}.`,
    '',
    `Publish to ${routeSentence(route, topology)}.`,
  ];
  if (forward) {
    lines.push(`The orchestrator resolves the saga id and forwards it, unchanged but for \`correlationId\` (now the saga id), to ${routeSentence(forward, topology)}; there it is applied.`);
  }
  if (contract.kind === 'command') {
    const replies = system.repliesTo(contract.type).map((r) => `${r.type} (${r.outcome})`);
    if (replies.length > 0) lines.push(`Answered by ${replies.join(', ')}.`);
    if (contract.to !== 'orchestrator') {
      lines.push('A participant dead-letters a command without `correlationId` and `step`: it keys its idempotency record on them.');
    }
  } else {
    lines.push(
      `Answers ${contract.answers ? `**${contract.answers}**` : 'the command named by its `causationId`, whichever it is'} (${contract.outcome}). Copy \`correlationId\` and \`step\` from the command and set \`causationId\` to the command's \`messageId\`: the orchestrator matches a reply to its step by that id.`,
    );
  }
  if (placement) lines.push(`In saga \`${placement.saga}\` it belongs to step \`${placement.step}\`.`);
  return lines.join('\n');
}

/** One message of the registry: the envelope schema, AMQP details and an example that validates. */
export function messageObject(system: AnySystem, contract: MessageContract, routes: MessageRoutes, placement: Placement | undefined, topology: Topology): JsonObject {
  return {
    name: contract.type,
    title: contract.type,
    summary: contract.description,
    description: describeMessage(system, contract, routes, placement, topology),
    contentType: 'application/json',
    tags: [ref(`#/components/tags/${contract.kind}`)],
    headers: headersSchema(contract),
    payload: ref(schemaRef(envelopeSchemaId(contract.type))),
    correlationId: ref('#/components/correlationIds/sagaId'),
    bindings: { amqp: { messageType: contract.type, bindingVersion: AMQP_BINDING_VERSION } },
    examples: [
      {
        name: contract.type,
        summary: placement ? `In saga ${placement.saga}, step ${placement.step}.` : `A ${contract.type} as its sender publishes it.`,
        headers: { 'x-schema-version': contract.version },
        payload: exampleEnvelope(contract, placement),
      },
    ],
    'x-schema-version': contract.version,
    'x-accepted-schema-versions': [...contract.acceptedVersions],
  };
}

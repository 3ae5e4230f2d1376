import { readFileSync } from 'node:fs';
import { DiagnosticSeverity, Parser, type AsyncAPIDocumentInterface, type ChannelInterface, type OperationInterface } from '@asyncapi/parser';

/** What the official parser makes of a document: the model, and its diagnostics by severity. */
export interface ParsedDocument {
  document: AsyncAPIDocumentInterface | undefined;
  errors: string[];
  warnings: string[];
}

const line = (d: { path: (string | number)[]; message: string }) => `${d.path.join('.')}: ${d.message}`;

/** Parses a document's text with @asyncapi/parser, as any AsyncAPI tool would read it. */
export async function parseDocument(text: string): Promise<ParsedDocument> {
  const { document, diagnostics } = await new Parser().parse(text);
  return {
    document,
    errors: diagnostics.filter((d) => d.severity === DiagnosticSeverity.Error).map(line),
    warnings: diagnostics.filter((d) => d.severity === DiagnosticSeverity.Warning).map(line),
  };
}

/**
 * One parse of a committed document for every test of a suite that reads it (a parse takes seconds):
 * started on first use, after the file may have been written.
 */
export function lazyParse(path: string): () => Promise<ParsedDocument> {
  let parsed: Promise<ParsedDocument> | undefined;
  return () => (parsed ??= parseDocument(readFileSync(path, 'utf8')));
}

/** The parsed model, or a failure saying the document does not parse (the validity check says why). */
export async function modelOf(parsed: () => Promise<ParsedDocument>): Promise<AsyncAPIDocumentInterface> {
  const { document } = await parsed();
  if (!document) throw new Error('the committed document does not parse');
  return document;
}

type Bindings = { get(protocol: string): { value(): unknown } | undefined };
/** The AMQP binding of a channel, operation or message, as plain data. */
export const amqp = (bindings: Bindings): Record<string, unknown> => (bindings.get('amqp')?.value() ?? {}) as Record<string, unknown>;

/** The concrete names behind a channel address: one per value of each address parameter (its enum, else its default). */
export function addressesOf(channel: ChannelInterface): string[] {
  return channel
    .parameters()
    .all()
    .reduce(
      (addresses, parameter) => {
        const schema = parameter.schema();
        const values = schema?.enum() ?? (schema?.default() !== undefined ? [schema.default()] : []);
        return addresses.flatMap((a) => values.map((v) => a.replaceAll(`{${parameter.id()}}`, String(v))));
      },
      [channel.address() ?? ''],
    );
}

/** Queries over the parsed model that the checks share. */
export function documentQueries(document: AsyncAPIDocumentInterface) {
  const channels = () => document.channels().all();
  const operations = () => document.operations().all();
  const tagged = (o: OperationInterface, service: string) => o.tags().all().some((t) => t.name() === service);
  const carries = (o: OperationInterface | ChannelInterface, message: string) => o.messages().all().some((m) => m.name() === message);
  return {
    channels,
    operations,
    /** The operations of one service (by tag), sending or receiving. */
    operationsOf: (service: string, action: 'send' | 'receive') => operations().filter((o) => o.action() === action && tagged(o, service)),
    /** The operations that carry a message type. */
    operationsWith: (message: string) => operations().filter((o) => carries(o, message)),
    /** The channels a message type appears on. */
    channelsOf: (message: string) => channels().filter((c) => carries(c, message)),
    /** An exchange and a queue may share a name (the dead letters are both), so a channel is found by both. */
    channelAt: (address: string, is: 'queue' | 'routingKey') => channels().find((c) => c.address() === address && amqp(c.bindings()).is === is),
    /** The first channel of an operation's address. */
    addressOf: (o: OperationInterface) => o.channels().all()[0]?.address(),
  };
}

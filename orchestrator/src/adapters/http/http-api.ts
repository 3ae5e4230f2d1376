import { createServer, type IncomingMessage, type Server } from 'node:http';
import { z } from 'zod';
import { OperatorCommand, SagaId, StartSaga, type FrameworkMessage } from '@saga/contracts';
import { errorSummary, type Logger } from '@saga/runtime';
import { mergeHistory } from '../../application/history-spill.ts';
import type { Clock, HistoryStore, SagaStore } from '../../application/ports.ts';
import type { RouteResult } from '../../application/saga-engine.ts';
import type { SagaOperations } from '../../application/saga-operations.ts';
import { startSaga } from '../../application/start-saga.ts';
import { SAGA_STATUSES } from '../../domain/saga-state.ts';
import { indexPage } from './index-page.ts';
import type { OrchestratorMetrics } from './metrics.ts';

const ListQuery = z.object({
  status: z.enum(SAGA_STATUSES as [string, ...string[]]).optional(),
  type: z.string().regex(/^[a-z][a-z0-9-]{0,62}$/).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});

const Who = OperatorCommand.pick({ reason: true, operator: true });
const ActionBody = OperatorCommand.pick({ action: true, step: true, reason: true, operator: true });
const MAX_BODY_BYTES = 16 * 1024;
const WAIT_MS = 10_000;

export interface HttpApiDeps {
  store: SagaStore;
  /** Where the older part of each saga's history lives; GET /sagas/:id shows the whole timeline. */
  history: HistoryStore;
  operations: SagaOperations;
  /** How POST /sagas starts a saga: the engine's route, as for a StartSaga from the broker. */
  engine: { route(message: FrameworkMessage<'StartSaga'>): Promise<RouteResult> };
  clock: Clock;
  newId(): string;
  deriveId(name: string): string;
  metrics: OrchestratorMetrics;
  logger: Logger;
  /**
   * Said on every response when set — the `x-saga-sandbox` header, a `sandbox` field in every JSON
   * object, a banner on the HTML page, a comment atop the metrics — so no one mistakes a sandbox
   * for the real system. @default unset: the real system
   */
  sandboxNotice?: string;
}

class HttpError extends Error {
  readonly status: number;

  constructor(status: number, message: string) {
    super(message);
    this.status = status;
  }
}

/**
 * The orchestrator's HTTP API.
 * - GET / (an HTML page naming what is here), GET /healthz, GET /metrics (Prometheus)
 * - POST /sagas {sagaType, sagaId?, idempotencyKey?, input}: the StartSaga payload. Takes the same
 *   route as a StartSaga on the broker (see startSaga), so it is idempotent the same way: 202
 *   {sagaId}, or 200 {sagaId, status, existing: true} when that saga id was already taken; 400 with
 *   the code and reason for a malformed body, an unknown saga type or invalid input.
 * - GET /sagas?status=&type=&limit=, GET /sagas/:id
 * - POST /sagas/:id/actions {action, step?, reason, operator}: an operator action (retry-step,
 *   resume-compensation, skip-step, force-compensation, mark-resolved). 202 with its actionId once
 *   accepted; with ?wait=true, 200 once the saga has applied (or refused) it. 404 for an unknown saga,
 *   409 when the saga is not in a state that allows it.
 * - POST /sagas/retry-parked {reason, operator}: retry every parked saga now (after an outage).
 * Bad input gets a 400 with a message; every query is built from validated values. The operator
 * name is the caller's word: put an authenticating proxy in front (see README).
 */
export function createHttpApi(deps: HttpApiDeps): Server {
  const { store, history, operations, metrics, logger, sandboxNotice } = deps;
  return createServer((request, response) => {
    if (sandboxNotice) response.setHeader('x-saga-sandbox', sandboxNotice);
    const send = (status: number, body: unknown) => {
      response.writeHead(status, { 'content-type': 'application/json' });
      const marked = sandboxNotice && typeof body === 'object' && body !== null && !Array.isArray(body) ? { sandbox: sandboxNotice, ...body } : body;
      response.end(JSON.stringify(marked));
    };
    const route = async () => {
      // Inside route: a request line like `GET http://[ HTTP/1.1` makes URL throw.
      const url = parseUrl(request.url);
      const action = /^\/sagas\/([^/]+)\/actions$/.exec(url.pathname);
      if (request.method === 'POST' && action) {
        const sagaId = parseSagaId(action[1]!);
        const body = parse(ActionBody, await readJson(request));
        const result = await operations.request(sagaId, body);
        if (result.kind === 'not-found') return send(404, { error: result.reason });
        if (result.kind === 'not-allowed') return send(409, { error: result.reason });
        if (url.searchParams.get('wait') !== 'true') return send(202, result);
        return send(...(await waitForAction(store, sagaId, result.actionId)));
      }
      if (request.method === 'POST' && url.pathname === '/sagas') {
        const payload = parse(StartSaga, await readJson(request));
        const started = await startSaga({ route: (m) => deps.engine.route(m), store, clock: deps.clock, newId: deps.newId, deriveId: deps.deriveId }, payload);
        if (started.kind === 'rejected') {
          metrics.record('StartSaga', started);
          return send(400, { error: started.reason, code: started.code });
        }
        if (started.kind === 'exists') return send(200, { sagaId: started.sagaId, status: started.status, existing: true });
        return send(202, { sagaId: started.sagaId });
      }
      if (request.method === 'POST' && url.pathname === '/sagas/retry-parked') {
        const who = parse(Who, await readJson(request));
        return send(202, await operations.retryAllParked(who));
      }
      if (request.method !== 'GET') return send(405, { error: `${request.method ?? 'this method'} is not supported here` });
      if (url.pathname === '/') {
        response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        return response.end(indexPage(sandboxNotice));
      }
      if (url.pathname === '/healthz') return send(200, { status: 'ok' });
      if (url.pathname === '/metrics') {
        response.writeHead(200, { 'content-type': metrics.registry.contentType });
        const notice = sandboxNotice ? `# sandbox: ${sandboxNotice}\n` : '';
        return response.end(notice + (await metrics.registry.metrics()));
      }
      if (url.pathname === '/sagas') {
        const { status, type, limit } = parse(ListQuery, Object.fromEntries(url.searchParams));
        return send(200, await store.list({ limit, ...(status ? { status: status as never } : {}), ...(type ? { sagaType: type } : {}) }));
      }
      const match = /^\/sagas\/([^/]+)$/.exec(url.pathname);
      if (match) {
        const id = parseSagaId(match[1]!);
        const saga = await store.load(id);
        if (!saga) return send(404, { error: `no saga ${id}` });
        return send(200, { ...saga, history: mergeHistory(await history.read(id), saga.history) });
      }
      return send(404, { error: 'not found' });
    };
    route().catch((error: unknown) => {
      if (response.headersSent) return void response.destroy();
      if (error instanceof HttpError) return send(error.status, { error: error.message });
      logger.error({ err: errorSummary(error).message }, 'http request failed');
      send(500, { error: 'internal error' });
    });
  });
}

function parseUrl(raw: string | undefined): URL {
  try {
    return new URL(raw ?? '/', 'http://localhost');
  } catch {
    throw new HttpError(400, 'malformed request target');
  }
}

/** Polls the saga until its history names the action (applied or refused), or the wait is over. */
async function waitForAction(store: SagaStore, sagaId: string, actionId: string): Promise<[number, unknown]> {
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    const saga = await store.load(sagaId);
    const entry = saga?.history.find((h) => h.actionId === actionId);
    if (saga && entry) {
      const applied = entry.event === 'operator-action';
      return [applied ? 200 : 409, { sagaId, actionId, outcome: applied ? 'applied' : 'refused', detail: entry.detail, status: saga.status }];
    }
    if (Date.now() >= deadline) return [202, { sagaId, actionId, outcome: 'pending' }];
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function parse<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new HttpError(400, parsed.error.issues.map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`).join('; '));
  return parsed.data;
}

function parseSagaId(raw: string): string {
  const id = SagaId.safeParse(safeDecode(raw));
  if (!id.success) throw new HttpError(400, 'saga id must be 1-100 characters of A-Z, a-z, 0-9, "_" or "-"');
  return id.data;
}

async function readJson(request: IncomingMessage): Promise<unknown> {
  if (!/^application\/json\b/.test(request.headers['content-type'] ?? '')) throw new HttpError(415, 'send a JSON body (content-type: application/json)');
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new HttpError(413, `body larger than ${MAX_BODY_BYTES} bytes`);
    chunks.push(chunk as Buffer);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new HttpError(400, 'body is not valid JSON');
  }
}

/** decodeURIComponent that answers a malformed escape with the raw text (then refused as an invalid id). */
function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

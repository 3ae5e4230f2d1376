/**
 * The page at GET /: what this API serves, for someone who opened it in a browser. Static but for
 * the sandbox banner, which must be on every page the sandbox serves.
 */
export function indexPage(sandboxNotice: string | undefined): string {
  const banner = sandboxNotice
    ? `<p style="background:#fde68a;border:2px solid #b45309;padding:.75em;font-weight:bold">SANDBOX — ${escapeHtml(sandboxNotice)}</p>`
    : '';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Saga orchestrator${sandboxNotice ? ' (sandbox)' : ''}</title></head>
<body style="font-family:system-ui,sans-serif;max-width:48em;margin:2em auto">
${banner}
<h1>Saga orchestrator</h1>
<ul>
<li><code>POST /sagas</code> {"sagaType", "sagaId"?, "idempotencyKey"?, "input"} — start a saga; answers its id</li>
<li><a href="/sagas"><code>GET /sagas?status=&amp;type=&amp;limit=</code></a> — recent sagas (<a href="/sagas?status=parked">parked ones</a> wait for an operator)</li>
<li><code>GET /sagas/:id</code> — one saga, its steps and history</li>
<li><code>POST /sagas/:id/actions</code> {"action", "step"?, "reason", "operator"} — retry-step, resume-compensation, skip-step, force-compensation, mark-resolved</li>
<li><code>POST /sagas/retry-parked</code> {"reason", "operator"} — retry every parked saga</li>
<li><a href="/metrics"><code>GET /metrics</code></a> (Prometheus), <a href="/healthz"><code>GET /healthz</code></a></li>
</ul>
</body></html>
`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

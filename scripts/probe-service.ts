// Whether a broker or database URL answers (a TCP connect, see lib/service-url.ts), for ./test:
//   node scripts/probe-service.ts <url>
// Exit 0 and no output when it answers; exit 1 printing why not on stdout; exit 2 without a URL.
import { probeUrl } from './lib/service-url.ts';

const url = process.argv[2];
if (!url) {
  process.stderr.write('usage: node scripts/probe-service.ts <amqp://… | mongodb://…>\n');
  process.exit(2);
}
const probe = await probeUrl(url);
if (!probe.ok) {
  process.stdout.write(`${probe.reason}\n`);
  process.exit(1);
}

// Prints the least-privilege RabbitMQ account of every service of a system's namespace, one per
// line: service, username, configure, write, read (tab-separated). scripts/rabbitmq-users.sh reads
// it, so the regexes come from one place: brokerPermissions in @saga/contracts, over the system's
// own description (the demo's unless a module is named).
//   node scripts/rabbitmq-accounts.ts <namespace> [system-module]
import { serviceAccounts } from '../contracts/src/index.ts';
import { loadSystem } from './lib/load-system.ts';

const [namespace, module] = process.argv.slice(2);
if (!namespace || !/^[a-z][a-z0-9_-]{0,30}$/.test(namespace)) {
  process.stderr.write('usage: node scripts/rabbitmq-accounts.ts <namespace> [system-module]   (a SAGA_NAMESPACE, e.g. saga)\n');
  process.exit(2);
}
const system = await loadSystem(module);
for (const { service, username, permissions: p } of serviceAccounts(system, namespace)) {
  process.stdout.write(`${service}\t${username}\t${p.configure}\t${p.write}\t${p.read}\n`);
}

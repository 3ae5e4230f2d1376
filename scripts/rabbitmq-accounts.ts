// Prints the least-privilege RabbitMQ account of every service of a namespace, one per line:
// service, username, configure, write, read (tab-separated). scripts/rabbitmq-users.sh reads it,
// so the regexes come from one place: brokerPermissions in @saga/contracts.
//   node scripts/rabbitmq-accounts.ts <namespace>
import { serviceAccounts } from '../contracts/src/index.ts';

const namespace = process.argv[2];
if (!namespace || !/^[a-z][a-z0-9_-]{0,30}$/.test(namespace)) {
  process.stderr.write('usage: node scripts/rabbitmq-accounts.ts <namespace>   (a SAGA_NAMESPACE, e.g. saga)\n');
  process.exit(2);
}
for (const { service, username, permissions: p } of serviceAccounts(namespace)) {
  process.stdout.write(`${service}\t${username}\t${p.configure}\t${p.write}\t${p.read}\n`);
}

// Writes docker/rabbitmq/definitions.json for namespace `saga` from the contracts, with the
// local-development passwords (or RABBITMQ_PASSWORD_<SERVICE> / RABBITMQ_SERVICE_PASSWORD).
// Run it after changing the topology; scripts/rabbitmq-definitions.unit.spec.ts fails until you do.
//   pnpm rabbitmq:definitions
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadSystem } from './lib/load-system.ts';
import { DEV_PASSWORD, rabbitDefinitions } from './lib/rabbitmq-definitions.ts';

const file = join(import.meta.dirname, '../docker/rabbitmq/definitions.json');
const definitions = rabbitDefinitions(await loadSystem(process.argv[2]), 'saga', (service) => process.env[`RABBITMQ_PASSWORD_${service.toUpperCase()}`] ?? process.env['RABBITMQ_SERVICE_PASSWORD'] ?? DEV_PASSWORD);
writeFileSync(file, `${JSON.stringify(definitions, null, 2)}\n`);
process.stdout.write(`wrote ${file}\n`);

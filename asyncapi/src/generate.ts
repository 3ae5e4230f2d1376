import { writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import { GENERATED_PATH, renderDocument } from './serialize.ts';

/** Writes asyncapi/asyncapi.generated.yaml from the contracts: `node asyncapi/src/generate.ts`. */
writeFileSync(GENERATED_PATH, renderDocument());
process.stdout.write(`wrote ${relative(process.cwd(), GENERATED_PATH)}\n`);

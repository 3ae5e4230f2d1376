import { describe } from 'vitest';
import type { AsyncApiCheckOptions } from './check-options.ts';
import { describeDriftChecks } from './drift-checks.ts';
import { describeExampleChecks } from './example-checks.ts';
import { describeGateChecks } from './gate-checks.ts';
import { lazyParse } from './parsed-document.ts';
import { describeRouteChecks } from './route-checks.ts';
import { describeTopologyChecks } from './topology-checks.ts';
import { describeValidityChecks } from './validity-checks.ts';

/**
 * Registers the vitest checks every system's AsyncAPI document must pass, in one call from a spec
 * file of the system's package:
 * - drift: the committed document is exactly what `system` and `sagas` generate now;
 * - validity: @asyncapi/parser reads it with no error and no warning;
 * - examples: every example validates against its message's schemas and the services' decoder;
 * - the breaking-change gate, against every snapshot in `publishedDir`;
 * - the document read as a client would: channels, the namespace, routes, operations, replies.
 * A system's own assertions (its names, its schemas) go in specs of its own beside this one.
 *
 * @example
 *   // my-system/asyncapi/src/asyncapi.unit.spec.ts
 *   describeAsyncApiChecks({ system, sagas, version, regenerateCommand: 'pnpm asyncapi',
 *     documentPath: fileURLToPath(new URL('../asyncapi.generated.yaml', import.meta.url)),
 *     publishedDir: fileURLToPath(new URL('../published', import.meta.url)) });
 */
export function describeAsyncApiChecks(options: AsyncApiCheckOptions): void {
  const parsed = lazyParse(options.documentPath);
  describe(`AsyncAPI document of ${options.system.name}`, () => {
    describeDriftChecks(options);
    describeValidityChecks(parsed);
    describeExampleChecks(options);
    describeGateChecks(options);
    describeTopologyChecks(options, parsed);
    describeRouteChecks(options, parsed);
  });
}

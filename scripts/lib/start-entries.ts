import type { AnySystem } from '../../contracts/src/index.ts';
import { entryOf, type SystemLayout } from './system-layout.ts';

/** One deployable of a system and the file that starts it (relative to the repository root). */
export interface StartEntry {
  service: string;
  entry: string;
}

/**
 * What starting a system means: the orchestrator and every participant its description names, in
 * that order, each from its layout's main file. `pnpm start` (scripts/start-system.ts) runs these
 * and docker-compose.yml's generated services are made of the same list, so neither can forget a
 * participant the description has.
 */
export function startEntries(system: Pick<AnySystem, 'services'>, layout: SystemLayout): StartEntry[] {
  return system.services.map((service) => ({ service, entry: entryOf(layout, service) }));
}

import { isAbsolute, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { AnySystem } from '../../contracts/src/index.ts';

/** The demo's system, which the scripts describe unless told another. */
export const DEFAULT_SYSTEM_MODULE = resolve(import.meta.dirname, '../../order-fulfilment/contracts/src/system.ts');

/**
 * The system a module exports (the first export that is a system description), so that the
 * scripts derived from a description — broker users, definitions — serve any team's system.
 */
export async function loadSystem(module: string = DEFAULT_SYSTEM_MODULE): Promise<AnySystem> {
  const url = pathToFileURL(isAbsolute(module) ? module : resolve(process.cwd(), module)).href;
  const exports = (await import(url)) as Record<string, unknown>;
  const found = Object.values(exports).find(isSystem);
  if (!found) throw new Error(`${module} exports no system (defineSystem from @saga/contracts)`);
  return found;
}

function isSystem(value: unknown): value is AnySystem {
  const v = value as Partial<AnySystem> | null;
  return typeof v === 'object' && v !== null && Array.isArray(v.participants) && typeof v.message === 'function' && typeof v.messages === 'object';
}

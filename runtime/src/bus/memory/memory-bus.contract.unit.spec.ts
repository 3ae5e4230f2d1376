import { messageBusContract } from '../../../test/message-bus.contract.ts';
import { MemoryBroker } from './memory-broker.ts';
import type { MemoryBus } from './memory-bus.ts';

const broker = new MemoryBroker();

messageBusContract('memory', () => ({
  connect: (topology, options = {}) => broker.connect({ topology, ...options }),
  interrupt: (bus) => (bus as MemoryBus).interrupt(),
  remove: async (topology) => topology.queues.forEach((q) => broker.deleteQueue(q.name)),
}));

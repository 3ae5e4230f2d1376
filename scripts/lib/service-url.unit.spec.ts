import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { BaseConfig } from '../../runtime/src/config.ts';
import { DEFAULT_AMQP_URL, DEFAULT_MONGO_URL, endpointsOf, probeUrl, redactUrl } from './service-url.ts';

describe('the URLs ./run and ./test probe', () => {
  it('default to what the services themselves default to', () => {
    const defaults = BaseConfig.parse({});
    expect({ amqp: DEFAULT_AMQP_URL, mongo: DEFAULT_MONGO_URL }).toEqual({ amqp: defaults.AMQP_URL, mongo: defaults.MONGO_URL });
  });

  it('name their hosts and ports, with the scheme default when the port is left out', () => {
    expect(endpointsOf('amqp://guest:guest@127.0.0.1:5672')).toEqual([{ host: '127.0.0.1', port: 5672 }]);
    expect(endpointsOf('amqps://user:pw@broker.example/vhost')).toEqual([{ host: 'broker.example', port: 5671 }]);
    expect(endpointsOf('mongodb://127.0.0.1')).toEqual([{ host: '127.0.0.1', port: 27017 }]);
  });

  it('list every host of a MongoDB replica set, IPv6 included', () => {
    expect(endpointsOf('mongodb://u:p@a.example,b.example:27018,[::1]:27019/db?replicaSet=rs0')).toEqual([
      { host: 'a.example', port: 27017 },
      { host: 'b.example', port: 27018 },
      { host: '::1', port: 27019 },
    ]);
  });

  it('cannot be probed when DNS names the hosts or the URL is not one', () => {
    expect(endpointsOf('mongodb+srv://cluster.example/db')).toBeUndefined();
    expect(endpointsOf('localhost:5672')).toBeUndefined();
    expect(endpointsOf('amqp://host:99999')).toBeUndefined();
  });

  it('lose their credentials in messages', () => {
    expect(redactUrl('amqp://guest:secret@127.0.0.1:5672')).toBe('amqp://***@127.0.0.1:5672');
    expect(redactUrl('mongodb://127.0.0.1:27017')).toBe('mongodb://127.0.0.1:27017');
  });
});

describe('probing a URL', () => {
  it('succeeds when something accepts the connection and says why not when nothing does', async () => {
    const server = createServer((socket) => socket.end());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    try {
      expect(await probeUrl(`mongodb://127.0.0.1:${port}`)).toEqual({ ok: true });
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
    expect(await probeUrl(`mongodb://127.0.0.1:${port}`)).toEqual({ ok: false, reason: `connection refused on 127.0.0.1:${port}` });
  });
});

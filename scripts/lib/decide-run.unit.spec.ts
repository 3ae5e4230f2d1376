import { describe, expect, it } from 'vitest';
import { decideRun, parseRunArgs, urlsToProbe, type Probes, type RunRequest } from './decide-run.ts';

const up = { ok: true } as const;
const down = { ok: false, reason: 'connection refused' } as const;
const both = (amqp: Probes['amqp'], mongo: Probes['mongo']): Probes => ({ amqp, mongo });
const request = (mode: RunRequest['mode'], env: RunRequest['env'] = {}, sandboxAvailable = true): RunRequest => ({ mode, env, sandboxAvailable });

describe('./run with neither flag nor configuration', () => {
  it('runs the real system when RabbitMQ and MongoDB answer at the defaults', () => {
    expect(decideRun(request('auto'), both(up, up))).toMatchObject({ run: 'real' });
  });

  it('runs the sandbox when MongoDB does not answer, saying so and how to get the real system', () => {
    const decision = decideRun(request('auto'), both(up, down));
    expect(decision.run).toBe('sandbox');
    expect(decision.say).toBe(
      'no MongoDB at mongodb://127.0.0.1:27017 and MONGO_URL is not set: starting the in-memory sandbox; nothing is durable. Set AMQP_URL and MONGO_URL or pass --real to run the real system.',
    );
  });

  it('names the broker, without its credentials, when RabbitMQ does not answer', () => {
    const decision = decideRun(request('auto'), both(down, up));
    expect(decision).toMatchObject({ run: 'sandbox' });
    expect(decision.say).toMatch(/^no RabbitMQ at amqp:\/\/\*\*\*@127\.0\.0\.1:5672 and AMQP_URL is not set:/);
  });

  it('names both when neither answers', () => {
    expect(decideRun(request('auto'), both(down, down)).say).toMatch(/^no RabbitMQ at .* and no MongoDB at .* and neither AMQP_URL nor MONGO_URL is set:/);
  });

  it('refuses with the reason, instead of crashing, when the sandbox is not in this checkout', () => {
    const decision = decideRun(request('auto', {}, false), both(up, down));
    expect(decision.run).toBe('refuse');
    expect(decision.say).toMatch(/sandbox\/src\/main\.ts is missing/);
  });

  it('probes the default URLs', () => {
    expect(urlsToProbe(request('auto'))).toEqual({ amqp: 'amqp://guest:guest@127.0.0.1:5672', mongo: 'mongodb://127.0.0.1:27017' });
  });
});

describe('./run with configuration for the real system', () => {
  it.each([
    ['--real', request('real')],
    ['MONGO_URL', request('auto', { MONGO_URL: 'mongodb://db.example:27017' })],
    ['AMQP_URL', request('auto', { AMQP_URL: 'amqp://broker.example' })],
  ])('never falls back to the sandbox (%s): a server that does not answer is refused with its reason', (_, req) => {
    const decision = decideRun(req, both(up, { ok: false, reason: 'connection refused on db.example:27017' }));
    expect(decision.run).toBe('refuse');
    expect(decision.say).toMatch(/no MongoDB answers at MONGO_URL=mongodb:\/\/\S+( \(the default\))?: connection refused on db\.example:27017/);
  });

  it('runs the real system when both answer', () => {
    expect(decideRun(request('auto', { AMQP_URL: 'amqp://broker.example' }), both(up, up))).toMatchObject({ run: 'real' });
  });

  it('probes the configured URL and the default for the other', () => {
    expect(urlsToProbe(request('auto', { MONGO_URL: 'mongodb://db.example:27018' }))).toEqual({ amqp: 'amqp://guest:guest@127.0.0.1:5672', mongo: 'mongodb://db.example:27018' });
  });

  it('marks the URL it probed as the default when the variable is unset', () => {
    expect(decideRun(request('real'), both(down, up)).say).toMatch(/AMQP_URL=amqp:\/\/\*\*\*@127\.0\.0\.1:5672 \(the default\)/);
  });

  it('treats an empty variable as unset', () => {
    expect(decideRun(request('auto', { AMQP_URL: '', MONGO_URL: ' ' }), both(up, down))).toMatchObject({ run: 'sandbox' });
  });
});

describe('./run --sandbox', () => {
  it('runs the sandbox without probing anything, even when the real system is configured', () => {
    const req = request('sandbox', { AMQP_URL: 'amqp://broker.example' });
    expect(urlsToProbe(req)).toBeUndefined();
    expect(decideRun(req, undefined)).toEqual({ run: 'sandbox', say: '--sandbox (AMQP_URL ignored): starting the in-memory sandbox; nothing is durable.' });
  });
});

describe("./run's arguments", () => {
  it('read --sandbox, --real or neither', () => {
    expect(parseRunArgs([])).toEqual({ mode: 'auto' });
    expect(parseRunArgs(['--sandbox'])).toEqual({ mode: 'sandbox' });
    expect(parseRunArgs(['--real'])).toEqual({ mode: 'real' });
  });

  it('refuse both at once and anything unknown with exit code 2', () => {
    expect(parseRunArgs(['--sandbox', '--real'])).toMatchObject({ exitCode: 2 });
    expect(parseRunArgs(['--reel'])).toMatchObject({ exitCode: 2, usage: expect.stringMatching(/unknown argument '--reel'/) });
  });

  it('print the usage for --help with exit code 0', () => {
    expect(parseRunArgs(['--help'])).toMatchObject({ exitCode: 0 });
  });
});

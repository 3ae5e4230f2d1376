/**
 * One child process of an end-to-end run: spawned as the leader of its own process group (so a
 * kill reaches everything it started, e.g. `pnpm start` and its five services), its output kept
 * in a bounded buffer for failure messages, and its exit — code or signal — observable.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

export interface ProcessExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface ServiceProcessOptions {
  command: string;
  args: string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Called with every chunk the process prints (stdout and stderr). */
  onOutput?(text: string): void;
}

export class ServiceProcess {
  readonly #child: ChildProcess;
  readonly #exit: Promise<ProcessExit>;
  #exited: ProcessExit | undefined;

  constructor(options: ServiceProcessOptions) {
    this.#child = spawn(options.command, options.args, {
      cwd: options.cwd,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: options.env,
    });
    const forward = (chunk: Buffer) => options.onOutput?.(chunk.toString());
    this.#child.stdout?.on('data', forward);
    this.#child.stderr?.on('data', forward);
    // 'close', not 'exit': by then stdout and stderr are drained, so the output is complete.
    this.#exit = new Promise((resolve) => {
      this.#child.once('error', (error) => {
        options.onOutput?.(`spawn failed: ${error.message}\n`);
        this.#exited = { code: null, signal: null };
        resolve(this.#exited);
      });
      this.#child.once('close', (code, signal) => {
        this.#exited = { code, signal };
        resolve(this.#exited);
      });
    });
  }

  get pid(): number | undefined {
    return this.#child.pid;
  }

  get running(): boolean {
    return this.#exited === undefined;
  }

  /** Resolves when the process has exited, with its exit code or the signal that ended it. */
  exited(): Promise<ProcessExit> {
    return this.#exit;
  }

  /** Sends a signal to the whole process group; a no-op once the process is gone. */
  signal(signal: NodeJS.Signals): void {
    if (!this.running || this.#child.pid === undefined) return;
    try {
      process.kill(-this.#child.pid, signal);
    } catch (error) {
      // ESRCH: the group died between the check and the kill.
      if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
    }
  }

  /**
   * Ends the process group: `signal` first, SIGKILL if it is still there after `graceMs`.
   * Resolves with how it ended.
   */
  async stop(signal: NodeJS.Signals = 'SIGTERM', graceMs = 10_000): Promise<ProcessExit> {
    this.signal(signal);
    const timer = signal === 'SIGKILL' ? undefined : setTimeout(() => this.signal('SIGKILL'), graceMs);
    const exit = await this.#exit;
    clearTimeout(timer);
    return exit;
  }
}

/** A TCP port that was free a moment ago (the OS picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Keeps the last `limit` characters of everything appended. */
export class OutputTail {
  #text = '';
  readonly #limit: number;
  constructor(limit = 20_000) {
    this.#limit = limit;
  }
  append(text: string): void {
    this.#text = (this.#text + text).slice(-this.#limit);
  }
  toString(): string {
    return this.#text;
  }
}

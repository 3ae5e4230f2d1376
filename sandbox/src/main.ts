import { createLogger, loadConfig } from '@saga/runtime';
import { sandboxBanner } from './sandbox-banner.ts';
import { SandboxConfig } from './sandbox-config.ts';
import { startSandbox } from './start-sandbox.ts';

const config = loadConfig(SandboxConfig);
const logger = createLogger({ name: 'sandbox', level: config.logLevel });
try {
  const sandbox = await startSandbox({ http: { port: config.port, host: config.host }, logger: (service) => createLogger({ name: service, level: config.logLevel }) });
  process.stdout.write(sandboxBanner(`http://${config.host}:${sandbox.port}`));
  const stop = async (signal: string) => {
    logger.info({ signal }, 'stopping the sandbox; everything in it is gone');
    await sandbox.close().catch(() => undefined);
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
} catch (error) {
  process.stderr.write(`the sandbox failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}

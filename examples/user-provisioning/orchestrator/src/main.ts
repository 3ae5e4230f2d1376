import { orchestratorMain } from '@saga/orchestrator';
import { provisioningSystem } from '../../contracts/src/index.ts';
import { provisioningSagas } from './provision-user.ts';

// The framework's orchestrator with this system's sagas; configuration comes from the environment.
await orchestratorMain({ system: provisioningSystem, sagas: provisioningSagas });

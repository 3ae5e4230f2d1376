import { describe, expect, it } from 'vitest';
import { PermissionsConfig } from './config.ts';

describe('PERMISSION_ROLES', () => {
  it('defaults to viewer, editor, admin and trims a list', () => {
    expect(PermissionsConfig.parse({}).PERMISSION_ROLES).toEqual(['viewer', 'editor', 'admin']);
    expect(PermissionsConfig.parse({ PERMISSION_ROLES: ' viewer , auditor ' }).PERMISSION_ROLES).toEqual(['viewer', 'auditor']);
  });

  it('refuses an empty list or a role that is not a lower-case name', () => {
    expect(PermissionsConfig.safeParse({ PERMISSION_ROLES: ',' }).success).toBe(false);
    expect(PermissionsConfig.safeParse({ PERMISSION_ROLES: 'Viewer' }).success).toBe(false);
  });
});

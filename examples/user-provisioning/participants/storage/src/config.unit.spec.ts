import { describe, expect, it } from 'vitest';
import { StorageConfig } from './config.ts';

describe('storage settings', () => {
  it('default to a 10 000 GiB pool and a 100 GiB quota', () => {
    expect(StorageConfig.parse({})).toEqual({ STORAGE_POOL_GIB: 10_000, STORAGE_QUOTA_GIB: 100 });
  });

  it('refuse a quota below 1 GiB or a size that is not a whole number', () => {
    expect(StorageConfig.safeParse({ STORAGE_QUOTA_GIB: '0' }).success).toBe(false);
    expect(StorageConfig.safeParse({ STORAGE_POOL_GIB: '1.5' }).success).toBe(false);
  });
});

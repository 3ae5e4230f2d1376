import { z } from 'zod';

/**
 * A login name: lower case, 3 to 32 characters, starting with a letter. It keys the account
 * document and the participants' records, so it never holds "." or "$" (safe in field paths).
 */
export const Username = z
  .string()
  .regex(/^[a-z][a-z0-9_-]{2,31}$/, 'lower-case letters, digits, "_" or "-", 3 to 32 characters, starting with a letter')
  .meta({ id: 'Username', description: 'Login name, unique among active accounts.' });
export type Username = z.infer<typeof Username>;

/** A role name as the permission service knows them; which roles exist is its configuration. */
export const RoleName = z.string().regex(/^[a-z][a-z0-9-]{0,31}$/).meta({ id: 'RoleName' });
export type RoleName = z.infer<typeof RoleName>;

/** A storage bucket's name, given by the storage service. */
export const BucketName = z.string().regex(/^[a-z0-9][a-z0-9-]{2,62}$/).meta({ id: 'BucketName' });
export type BucketName = z.infer<typeof BucketName>;

import { describe, expect, it } from 'vitest';
import { NotificationConfig } from './config.ts';

describe('NotificationConfig', () => {
  it('suppresses blocked.example unless told otherwise', () => {
    expect(NotificationConfig.parse({}).NOTIFICATION_SUPPRESSED_DOMAINS).toEqual(['blocked.example']);
  });

  it('reads a comma list in lower case, forgiving spaces', () => {
    expect(NotificationConfig.parse({ NOTIFICATION_SUPPRESSED_DOMAINS: ' Spam.Example , junk.test' }).NOTIFICATION_SUPPRESSED_DOMAINS).toEqual([
      'spam.example',
      'junk.test',
    ]);
  });

  it('suppresses nothing when given an empty list', () => {
    expect(NotificationConfig.parse({ NOTIFICATION_SUPPRESSED_DOMAINS: '' }).NOTIFICATION_SUPPRESSED_DOMAINS).toEqual([]);
  });

  it('rejects something that is not a domain name', () => {
    expect(NotificationConfig.safeParse({ NOTIFICATION_SUPPRESSED_DOMAINS: 'ada@blocked.example' }).success).toBe(false);
  });
});

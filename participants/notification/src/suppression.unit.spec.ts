import { describe, expect, it } from 'vitest';
import { suppressionOf } from './suppression.ts';

describe('suppressionOf', () => {
  const suppressed = ['blocked.example'];

  it('lets a recipient of any other domain through', () => {
    expect(suppressionOf('ada@example.com', suppressed)).toBeUndefined();
  });

  it('suppresses a recipient of a suppressed domain, whatever its case', () => {
    expect(suppressionOf('ada@Blocked.Example', suppressed)).toEqual({
      code: 'RECIPIENT_SUPPRESSED',
      reason: 'the recipient is on the suppression list',
      retryable: false,
    });
  });

  it('suppresses subdomains of a suppressed domain', () => {
    expect(suppressionOf('ada@mail.blocked.example', suppressed)?.code).toBe('RECIPIENT_SUPPRESSED');
  });

  it('does not suppress a domain that merely ends with the same letters', () => {
    expect(suppressionOf('ada@unblocked.example', suppressed)).toBeUndefined();
  });

  it('never puts the address or its domain in the reason', () => {
    expect(suppressionOf('ada@blocked.example', suppressed)?.reason).not.toMatch(/ada|blocked/);
  });
});

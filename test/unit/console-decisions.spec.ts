import { transition } from '../../src/modules/moderation/decisions/transitions';
import { allowedDecisions } from '../../web/console/decisions';

const STATUSES = ['PUBLISHED', 'PENDING', 'WITHHELD', 'APPROVED', 'REJECTED', 'DELETED'] as const;

describe('the console and the server agree on which decisions a comment allows', () => {
  it.each(STATUSES.flatMap((s) => [[s, false] as const, [s, true] as const]))('for a %s comment, featured %s', (status, featured) => {
    const offered = allowedDecisions(status, featured);
    expect(offered).toEqual({
      approve: transition('APPROVE', status, featured) !== null,
      restore: transition('RESTORE', status, featured) !== null,
      reject: transition('REJECT', status, featured) !== null,
      feature: transition('FEATURE', status, featured) !== null,
      unfeature: transition('UNFEATURE', status, featured) !== null,
    });
  });
});

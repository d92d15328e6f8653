import { DOMAIN_EVENT_TYPES } from '../../src/modules/events/domain-events';
import { WEBHOOK_EVENT_TYPES } from '../../web/console/console-types';

describe("the console's webhook event types", () => {
  it('are exactly the domain event types the server delivers, in its order', () => {
    expect([...WEBHOOK_EVENT_TYPES]).toEqual([...DOMAIN_EVENT_TYPES]);
  });
});

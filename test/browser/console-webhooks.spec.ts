import { createServer, IncomingHttpHeaders, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { createPersonas, Personas } from '../helpers/factories';
import { describeInBrowser } from './harness/chromium';
import { openConsoleAs } from './harness/console';
import { axeViolations, button, serious } from './harness/embed';
import { BrowserStack, startBrowserStack } from './harness/stack';

/** A newsroom's receiver on loopback: records each request and lets a test wait for the n-th. */
class Receiver {
  readonly received: { headers: IncomingHttpHeaders; body: string }[] = [];
  private waiters: { n: number; resolve: () => void }[] = [];
  private readonly server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      this.received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(204).end();
      for (const w of this.waiters.filter((x) => this.received.length >= x.n)) w.resolve();
      this.waiters = this.waiters.filter((x) => this.received.length < x.n);
    });
  });

  start(): Promise<void> {
    return new Promise((resolve) => this.server.listen(0, '127.0.0.1', resolve));
  }
  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/parley-hook`;
  }
  /** Resolves once n requests have arrived. */
  count(n: number): Promise<void> {
    return this.received.length >= n ? Promise.resolve() : new Promise((resolve) => this.waiters.push({ n, resolve }));
  }
  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

/**
 * An admin sets up a webhook in the console's settings against a real receiver: the endpoint is
 * registered with its events, the secret is shown once, a test event is delivered (listed as
 * delivered, signed with that secret), replayed, the endpoint disabled and enabled, its secret
 * rotated, and it is deleted after a confirmation.
 */
describeInBrowser('the console: webhooks', () => {
  let s: BrowserStack;
  let p: Personas;
  let receiver: Receiver;

  beforeAll(async () => {
    receiver = new Receiver();
    await receiver.start();
    s = await startBrowserStack({ WEBHOOKS_ALLOW_PRIVATE: 'true', WEBHOOKS_POLL_MS: '100' });
    p = await createPersonas(s.t.prisma);
  });

  afterAll(async () => {
    await s?.close();
    await receiver?.close();
  });

  it('registers an endpoint, delivers a test event signed with the secret shown once, and replays it', async () => {
    const w = await openConsoleAs(s, p.admin, '#/settings');
    const panel = w.page.locator('parley-webhooks-panel');
    await panel.getByLabel('Address (http or https)').fill(receiver.url);
    await panel.getByLabel('Description (optional)').fill('Newsroom desk relay');
    await panel.getByRole('checkbox', { name: 'comment.posted' }).check();
    await panel.getByRole('checkbox', { name: 'flag.raised' }).check();
    await button(panel, 'Add endpoint').click();

    const secretBox = panel.getByRole('region', { name: `Signing secret for ${receiver.url}` });
    const secret = (await secretBox.locator('code').textContent())?.trim() ?? '';
    expect(secret).toMatch(/^whsec_/);
    const [stored] = await s.t.prisma.webhookEndpoint.findMany();
    expect(stored).toMatchObject({ url: receiver.url, eventTypes: ['comment.posted', 'flag.raised'], description: 'Newsroom desk relay', enabled: true });
    await button(secretBox, 'I have copied it').click();
    await secretBox.waitFor({ state: 'detached' });

    const card = panel.locator(`article[data-endpoint-id="${stored.id}"]`);
    await card.getByText('Sends: comment.posted, flag.raised').waitFor();
    await button(card, 'Send test event').click();
    const row = card.locator('parley-webhook-deliveries tr[data-status="SUCCEEDED"]').filter({ hasText: 'webhook.test' });
    await row.getByText('Delivered').waitFor();
    await row.getByText(/^\d+ ms$/).waitFor();
    await receiver.count(1);
    const first = receiver.received[0];
    const event = new Webhook(secret).verify(first.body, first.headers as Record<string, string>) as { type: string };
    expect(event.type).toBe('webhook.test');

    expect(serious(await axeViolations(w.page, 'parley-console'))).toEqual([]);

    await button(row, /^Replay the webhook.test delivery of /).click();
    await receiver.count(2);
    expect(receiver.received[1].headers['webhook-id']).toBe(first.headers['webhook-id']);
    await card.locator('parley-webhook-deliveries tr[data-status="SUCCEEDED"] td').filter({ hasText: /^2$/ }).waitFor();
    expect(w.problems).toEqual([]);
  });

  it('disables and enables an endpoint, rotates its secret, and deletes it only after confirming', async () => {
    const endpoint = await s.t.prisma.webhookEndpoint.findFirstOrThrow();
    const w = await openConsoleAs(s, p.admin, '#/settings');
    const panel = w.page.locator('parley-webhooks-panel');
    const card = panel.locator(`article[data-endpoint-id="${endpoint.id}"]`);

    await button(card, 'Disable').click();
    await card.getByText('Disabled', { exact: true }).waitFor();
    expect((await s.t.prisma.webhookEndpoint.findUniqueOrThrow({ where: { id: endpoint.id } })).enabled).toBe(false);
    expect(await button(card, 'Send test event').isDisabled()).toBe(true);
    await button(card, 'Enable').click();
    await card.getByText('Enabled', { exact: true }).waitFor();

    await button(card, 'Rotate secret').click();
    const secretBox = panel.getByRole('region', { name: `Signing secret for ${endpoint.url}` });
    const rotated = (await secretBox.locator('code').textContent())?.trim() ?? '';
    expect(rotated).toMatch(/^whsec_/);
    expect((await s.t.prisma.webhookEndpoint.findUniqueOrThrow({ where: { id: endpoint.id } })).secret).toBe(rotated);

    await button(card, 'Delete…').click();
    const confirm = card.getByRole('group', { name: 'Confirm deleting Newsroom desk relay' });
    await button(confirm, 'Keep it').click();
    await confirm.waitFor({ state: 'detached' });
    expect(await s.t.prisma.webhookEndpoint.count()).toBe(1);
    await button(card, 'Delete…').click();
    await button(confirm, 'Delete endpoint').click();
    await card.waitFor({ state: 'detached' });
    expect(await s.t.prisma.webhookEndpoint.count()).toBe(0);
    await panel.getByText('No endpoints yet.').waitFor();
    expect(w.problems).toEqual([]);
  });
});

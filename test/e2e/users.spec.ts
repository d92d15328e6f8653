import request from 'supertest';
import { startTestApp, TestApp } from '../helpers/app';
import { createPersonas, createUser, Personas } from '../helpers/factories';

describe('roles, sanctions and the audit log', () => {
  let t: TestApp;
  let p: Personas;

  beforeAll(async () => {
    t = await startTestApp();
    p = await createPersonas(t.prisma);
  });
  afterAll(() => t.close());

  it('lets admins change roles and records who, when and why', async () => {
    const target = await createUser(t.prisma);
    const res = await request(t.http).put(`/api/users/${target.id}/role`).set(p.admin.auth).send({ role: 'FACT_CHECKER', reason: 'joins the desk' }).expect(200);
    expect(res.body.role).toBe('FACT_CHECKER');
    await request(t.http).put(`/api/users/${target.id}/role`).set(p.moderator.auth).send({ role: 'ADMIN' }).expect(403);
    const log = await request(t.http).get(`/api/audit?subject=${target.id}`).set(p.moderator.auth).expect(200);
    expect(log.body.items).toEqual([
      expect.objectContaining({ kind: 'USER_ROLE_CHANGED', actorId: p.admin.id, data: { from: 'READER', to: 'FACT_CHECKER', reason: 'joins the desk' } }),
    ]);
  });

  it('suspends a reader, who then sees the reason and end time when trying to write', async () => {
    const target = await createUser(t.prisma);
    const res = await request(t.http).post(`/api/users/${target.id}/suspend`).set(p.moderator.auth).send({ hours: 24, reason: 'Repeated insults' }).expect(200);
    expect(res.body.sanction).toMatchObject({ status: 'SUSPENDED', reason: 'Repeated insults', until: expect.any(String) });
    const write = await request(t.http).patch('/api/me').set(target.auth).send({ displayName: 'New name' }).expect(403);
    expect(write.body).toMatchObject({ code: 'USER_SUSPENDED', reason: 'Repeated insults', until: res.body.sanction.until });
    const me = await request(t.http).get('/api/me').set(target.auth).expect(200);
    expect(me.body.sanction.status).toBe('SUSPENDED');

    await request(t.http).post(`/api/users/${target.id}/lift`).set(p.moderator.auth).send({ reason: 'Appeal accepted' }).expect(200);
    await request(t.http).patch('/api/me').set(target.auth).send({ displayName: 'New name' }).expect(200);
    const again = await request(t.http).post(`/api/users/${target.id}/lift`).set(p.moderator.auth).send({}).expect(409);
    expect(again.body.code).toBe('NOT_SANCTIONED');
  });

  it('treats a suspension whose end has passed as lifted', async () => {
    const target = await createUser(t.prisma, { status: 'SUSPENDED', suspendedUntil: new Date(Date.now() - 1000), statusReason: 'old' });
    await request(t.http).patch('/api/me').set(target.auth).send({ displayName: 'Free again' }).expect(200);
  });

  it('bans with a reason, and the banned user is refused writes with it', async () => {
    const target = await createUser(t.prisma);
    await request(t.http).post(`/api/users/${target.id}/ban`).set(p.moderator.auth).send({ reason: 'Spam account' }).expect(200);
    const write = await request(t.http).patch('/api/me').set(target.auth).send({ displayName: 'x' }).expect(403);
    expect(write.body).toMatchObject({ code: 'USER_BANNED', reason: 'Spam account' });
  });

  it('switches per-user pre-moderation', async () => {
    const target = await createUser(t.prisma);
    const res = await request(t.http).put(`/api/users/${target.id}/premoderation`).set(p.moderator.auth).send({ enabled: true, reason: 'new account, link spam' }).expect(200);
    expect(res.body.premoderated).toBe(true);
  });

  it('keeps moderators from sanctioning staff or themselves', async () => {
    const otherModerator = await createUser(t.prisma, { role: 'MODERATOR' });
    const res = await request(t.http).post(`/api/users/${otherModerator.id}/ban`).set(p.moderator.auth).send({ reason: 'x' }).expect(403);
    expect(res.body.code).toBe('CANNOT_SANCTION_STAFF');
    await request(t.http).post(`/api/users/${p.moderator.id}/suspend`).set(p.moderator.auth).send({ hours: 1, reason: 'x' }).expect(403);
    await request(t.http).post(`/api/users/${otherModerator.id}/suspend`).set(p.admin.auth).send({ hours: 1, reason: 'x' }).expect(200);
  });

  it('validates sanctions and answers unknown users with 404', async () => {
    const target = await createUser(t.prisma);
    const bad = await request(t.http).post(`/api/users/${target.id}/suspend`).set(p.moderator.auth).send({ hours: 0, reason: '' }).expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['hours', 'reason']);
    await request(t.http).post('/api/users/00000000-0000-4000-8000-000000000000/ban').set(p.moderator.auth).send({ reason: 'x' }).expect(404);
    await request(t.http).get('/api/users/not-a-uuid').set(p.moderator.auth).expect(404);
  });

  it('filters the audit log by actor, subject, kind and time, newest first with a cursor', async () => {
    const target = await createUser(t.prisma);
    const start = new Date();
    await request(t.http).post(`/api/users/${target.id}/suspend`).set(p.admin.auth).send({ hours: 1, reason: 'one' }).expect(200);
    await request(t.http).post(`/api/users/${target.id}/lift`).set(p.admin.auth).send({}).expect(200);
    await request(t.http).post(`/api/users/${target.id}/ban`).set(p.admin.auth).send({ reason: 'three' }).expect(200);
    const page1 = await request(t.http).get(`/api/audit?subject=${target.id}&limit=2`).set(p.admin.auth).expect(200);
    expect(page1.body.items.map((e: { kind: string }) => e.kind)).toEqual(['USER_BANNED', 'USER_SANCTION_LIFTED']);
    const page2 = await request(t.http).get(`/api/audit?subject=${target.id}&limit=2&cursor=${page1.body.nextCursor}`).set(p.admin.auth).expect(200);
    expect(page2.body.items.map((e: { kind: string }) => e.kind)).toEqual(['USER_SUSPENDED']);
    const byActorAndKind = await request(t.http).get(`/api/audit?actor=${p.admin.id}&kind=USER_BANNED&from=${start.toISOString()}`).set(p.admin.auth).expect(200);
    expect(byActorAndKind.body.items).toHaveLength(1);
    const before = await request(t.http).get(`/api/audit?subject=${target.id}&to=${start.toISOString()}`).set(p.admin.auth).expect(200);
    expect(before.body.items).toHaveLength(0);
    await request(t.http).get('/api/audit').set(p.reader.auth).expect(403);
    await request(t.http).get('/api/audit?kind=NOT_A_KIND').set(p.admin.auth).expect(400);
  });

  it('lists users for moderators with filters', async () => {
    await createUser(t.prisma, { displayName: 'Zelda Unique', role: 'READER' });
    const res = await request(t.http).get('/api/users?q=zelda').set(p.moderator.auth).expect(200);
    expect(res.body.items.map((u: { displayName: string }) => u.displayName)).toEqual(['Zelda Unique']);
    const mods = await request(t.http).get('/api/users?role=MODERATOR').set(p.moderator.auth).expect(200);
    expect(mods.body.items.every((u: { role: string }) => u.role === 'MODERATOR')).toBe(true);
  });
});

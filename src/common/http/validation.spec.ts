import { Type } from 'class-transformer';
import { IsDate, IsEmail, IsOptional, IsString, MaxLength } from 'class-validator';
import { AppError } from '../errors/app-error';
import { createValidationPipe, fieldMessages, MAX_INPUT_DEPTH, tooDeep, withoutLoneSurrogates } from './validation';

class NameDto {
  @IsString()
  @MaxLength(60)
  name: string;
}

class EmailDto {
  @IsString()
  @IsEmail()
  email: string;
}

class WhenDto {
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  asOf?: Date;
}

const nested = (depth: number): unknown => {
  let v: unknown = 1;
  for (let i = 0; i < depth; i++) v = i % 2 ? [v] : { a: v };
  return v;
};

describe('validation pipe', () => {
  const pipe = createValidationPipe();
  const body = { type: 'body' as const, metatype: NameDto, data: '' };

  it('refuses a body nested thousands of levels deep as a validation error, not a stack overflow', async () => {
    for (const value of [{ name: nested(5_000) }, { extra: nested(100_000) }, nested(20_000)]) {
      const err = await pipe.transform(value, body).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(AppError);
      expect(err).toMatchObject({ status: 400, code: 'VALIDATION_FAILED' });
    }
    const err = (await pipe.transform({ name: nested(5_000) }, body).catch((e: unknown) => e)) as AppError;
    expect(err.extra.errors).toEqual([{ field: 'name', message: `name is nested more than ${MAX_INPUT_DEPTH} levels deep` }]);
  });

  it('still validates ordinary bodies as before', async () => {
    await expect(pipe.transform({ name: 'Syria' }, body)).resolves.toEqual({ name: 'Syria' });
    await expect(pipe.transform({ name: nested(3) }, body)).rejects.toMatchObject({ status: 400, code: 'VALIDATION_FAILED' });
    await expect(pipe.transform({ name: 'x', extra: 1 }, body)).rejects.toMatchObject({ status: 400 });
  });

  it('replaces unpaired surrogates with U+FFFD everywhere (they broke jsonb writes and isEmail) and keeps surrogate pairs', async () => {
    await expect(pipe.transform({ name: 'x\udc00y' }, body)).resolves.toEqual({ name: 'x\uFFFDy' });
    await expect(pipe.transform({ name: 'emoji \u{1F600} ok' }, body)).resolves.toEqual({ name: 'emoji \u{1F600} ok' });
    const input = { a: ['\ud800', 'fine'], b: { c: 'lone \ude00 low' }, d: 1 };
    expect(withoutLoneSurrogates(input)).toEqual({ a: ['\uFFFD', 'fine'], b: { c: 'lone \uFFFD low' }, d: 1 });
    expect(input.a[0]).toBe('\ud800');
    const clean = { a: ['x'], b: { c: 'y' } };
    expect(withoutLoneSurrogates(clean)).toBe(clean);
  });

  it('answers an email with an unpaired surrogate (isEmail threw URIError on it) with a 400 naming the field', async () => {
    for (const email of ['\udfd0', 'lone \ude00 low', 'a\ud800@example.org']) {
      const err = await pipe.transform({ email }, { type: 'body', metatype: EmailDto, data: '' }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(AppError);
      expect((err as AppError).extra.errors).toEqual([{ field: 'email', message: 'email must be an email' }]);
    }
  });

  it('refuses dates PostgreSQL cannot store, and keeps ordinary ones', async () => {
    const when = { type: 'body' as const, metatype: WhenDto, data: '' };
    for (const asOf of ['-271821-04-20T00:00:00.000Z', '-010000-01-01T00:00:00.000Z', '0000-01-01T00:00:00Z', '+275760-09-13T00:00:00.000Z', -8.64e15, 8.64e15]) {
      await expect(pipe.transform({ asOf }, when)).rejects.toMatchObject({
        status: 400,
        extra: { errors: [{ field: 'asOf', message: 'asOf must be a date between the years 1 and 9999' }] },
      });
    }
    const ok = (await pipe.transform({ asOf: '2026-11-20T12:00:00Z' }, when)) as WhenDto;
    expect(ok.asOf?.toISOString()).toBe('2026-11-20T12:00:00.000Z');
  });

  it('measures depth without recursion', () => {
    expect(tooDeep({ a: [{ b: 'x' }] })).toBeNull();
    expect(tooDeep(nested(MAX_INPUT_DEPTH + 1))).toBe('a');
    expect(tooDeep(nested(MAX_INPUT_DEPTH))).toBeNull();
    expect(tooDeep({ ok: 1, deep: nested(1_000_000) })).toBe('deep');
  });
});

describe('field messages', () => {
  const constraints = { maxLength: 'name must be shorter than or equal to 60 characters', isNotEmpty: 'name should not be empty', isString: 'name must be a string' };

  it('calls a missing field required and a null one null, whatever its checks', () => {
    expect(fieldMessages('name', undefined, constraints)).toEqual(['name is required']);
    expect(fieldMessages('name', null, constraints)).toEqual(['name must not be null']);
  });

  it('gives only the kind error for a value of the wrong kind', () => {
    expect(fieldMessages('name', 7, constraints)).toEqual(['name must be a string']);
  });

  it('otherwise lists the failed checks in the order the DTO declares them', () => {
    const { isString: _kind, ...rest } = constraints;
    expect(fieldMessages('name', 'x'.repeat(61), { matches: 'name must be a slug', maxLength: rest.maxLength })).toEqual([
      rest.maxLength,
      'name must be a slug',
    ]);
  });
});

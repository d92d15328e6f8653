import { Prisma } from '../generated/prisma/client';

/**
 * The columns of the unique constraint a write collided with, or null when the error is not a
 * unique violation. Prisma reports them in `meta.target` or, through driver adapters, in
 * `meta.driverAdapterError.cause.constraint.fields`.
 */
export function uniqueViolationFields(err: unknown): string[] | null {
  if (!(err instanceof Prisma.PrismaClientKnownRequestError) || err.code !== 'P2002') return null;
  const meta = (err.meta ?? {}) as {
    target?: unknown;
    driverAdapterError?: { cause?: { constraint?: { fields?: unknown; index?: unknown } } };
  };
  if (Array.isArray(meta.target)) return meta.target.map(String);
  if (typeof meta.target === 'string') return [meta.target];
  const constraint = meta.driverAdapterError?.cause?.constraint;
  if (Array.isArray(constraint?.fields)) return constraint.fields.map((f) => String(f).replace(/"/g, ''));
  if (typeof constraint?.index === 'string') return [constraint.index];
  return [];
}

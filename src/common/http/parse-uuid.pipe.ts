import { ArgumentMetadata, Injectable, PipeTransform } from '@nestjs/common';
import { commonError } from '../errors/app-error';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: string): boolean {
  return UUID.test(value);
}

/** A path id that is not a UUID cannot name anything: 404 rather than a database type error. */
@Injectable()
export class ParseUuidPipe implements PipeTransform<string, string> {
  transform(value: string, meta: ArgumentMetadata): string {
    if (!isUuid(value)) throw commonError('NOT_FOUND', `No ${meta.data ?? 'record'} "${value.slice(0, 64)}".`);
    return value.toLowerCase();
  }
}

import { IsOptional, ValidateIf } from 'class-validator';

/*
 * class-validator's @IsOptional skips every check when a value is undefined OR null, so
 * `{"slug": null}` used to pass validation and reach the service or a NOT NULL column (a 500 from
 * PATCH /api/tags/{slug}), or silently mean "leave it" where the client may have meant "clear it".
 * Request DTOs use these two instead, so null is accepted only where it means something and the
 * OpenAPI document says so (a test holds every body DTO to that).
 */

/** The field may be left out; when it is sent it is validated, so null is refused like any other wrong value. */
export const Optional = (): PropertyDecorator => ValidateIf((_object: object, value: unknown) => value !== undefined);

/** The field may be left out or be null (null clears the stored value). Document it with `nullable: true`. */
export const OptionalOrNull = (): PropertyDecorator => IsOptional();

import { errorFactory } from '../../common/errors/app-error';

export const UserErrors = {
  USER_NOT_FOUND: 404,
  EMAIL_TAKEN: 409,
  CANNOT_ACT_ON_SELF: 403,
  CANNOT_SANCTION_STAFF: 403,
  NOT_SANCTIONED: 409,
  DISPLAY_NAME_BLANK: 400,
  DISPLAY_NAME_RESERVED: 400,
} as const;

export const userError = errorFactory(UserErrors);

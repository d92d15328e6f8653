import { errorFactory } from '../../../common/errors/app-error';

export const NoteErrors = {
  CLAIM_NOT_FOUND: 404,
  COMMENT_NOT_FOUND: 404,
  NOTE_NOT_FOUND: 404,
  NOT_IN_GOOD_STANDING: 403,
  NOTES_NOT_OPEN: 409,
  OWN_NOTE: 403,
  SCORING_BUSY: 409,
} as const;

export const noteError = errorFactory(NoteErrors);

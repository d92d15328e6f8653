import type { MailMessage } from '../../mail/mail.service';

/** Where the site serves the pages behind the mailed links (README "Accounts": what they must do). */
export const RESET_PAGE = '/account/reset-password';
export const VERIFY_PAGE = '/account/verify-email';

function link(publicUrl: string, page: string, token: string): string {
  return `${publicUrl}${page}?token=${encodeURIComponent(token)}`;
}

function siteName(publicUrl: string): string {
  try {
    return new URL(publicUrl).host;
  } catch {
    return publicUrl;
  }
}

export function passwordResetMail(to: string, token: string, publicUrl: string, minutes: number): MailMessage {
  const site = siteName(publicUrl);
  return {
    kind: 'password_reset',
    to,
    subject: `Reset your password on ${site}`,
    text: [
      `Someone asked to reset the password of the account with this email address on ${site}.`,
      '',
      `To choose a new password, open this link within ${minutes} minutes:`,
      link(publicUrl, RESET_PAGE, token),
      '',
      'The link works once. If you did not ask for this, ignore this message: your password stays as it is.',
    ].join('\n'),
  };
}

export function verificationMail(to: string, token: string, publicUrl: string, hours: number): MailMessage {
  const site = siteName(publicUrl);
  return {
    kind: 'email_verification',
    to,
    subject: `Confirm your email address on ${site}`,
    text: [
      `Please confirm that this is your email address for commenting on ${site}:`,
      link(publicUrl, VERIFY_PAGE, token),
      '',
      `The link works once, for ${hours} hours. If you did not create an account, ignore this message.`,
    ].join('\n'),
  };
}

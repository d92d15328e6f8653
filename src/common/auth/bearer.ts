/** The credential of an `Authorization: Bearer <credential>` header, or null when the header has another form. */
export function parseBearer(header: string): string | null {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match ? match[1] : null;
}

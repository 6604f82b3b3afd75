import { sha256 } from "../../../core/hash.js";

/**
 * A stable GUID for a thing named by `key` (a code id, a note id …): the same key gives the same GUID on
 * every run, so exports can be compared and re-imported. Shaped like an RFC 4122 name-based UUID.
 */
export function stableGuid(key: string): string {
  const h = sha256(`notes-analyse:${key}`);
  const variant = ((parseInt(h[16], 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

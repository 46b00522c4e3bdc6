/**
 * A member role's name in the reader's language ('titular' → "Titular", 'secretariat-admin' →
 * "Administración del secretariado"): the one place the interface names a role, instead of a
 * table per page. An unknown role shows its code rather than nothing.
 */
import { messageOr } from './messages';

/** The role's label; every page that lists people calls it. */
export function roleLabel(role: string): string {
	return messageOr(`role_${role.replace(/-/g, '_')}`, role);
}

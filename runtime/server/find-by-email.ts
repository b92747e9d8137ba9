/**
 * The contact a web form is for: the one with that email (case-insensitive,
 * as mail systems treat addresses). The store has no email index yet, so
 * this pages through contacts; a store with one can answer it directly.
 */
import type { ContactStore } from '../store/contact-store';

const PAGE = 5000;

export async function findContactIdByEmail(store: Pick<ContactStore, 'listContacts'>, email: string): Promise<string | undefined> {
  const wanted = email.trim().toLowerCase();
  for (let offset = 0; ; offset += PAGE) {
    const page = await store.listContacts({ offset, limit: PAGE });
    const hit = page.find((c) => typeof c.email === 'string' && c.email.trim().toLowerCase() === wanted);
    if (hit) return hit.id;
    if (page.length < PAGE) return undefined;
  }
}

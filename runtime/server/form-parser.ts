/**
 * `application/x-www-form-urlencoded` bodies, so a plain HTML form can post
 * to `/forms/:formId` (no plugin for it is installed, and URLSearchParams
 * is all it takes). A field sent twice keeps its last value; `tags` may be
 * sent several times and becomes a list; `custom.NAME` and `address.PART`
 * fill the `custom` and `address` objects. The route's schema then checks
 * the result like a JSON body.
 */
import type { FastifyInstance } from 'fastify';

export function installFormParser(app: FastifyInstance): void {
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => {
    const out: Record<string, unknown> = {};
    for (const [name, value] of new URLSearchParams(body as string)) {
      const nested = /^(custom|address)\.(.+)$/.exec(name);
      if (name === 'tags') {
        const tags = (out.tags as string[] | undefined) ?? [];
        tags.push(value);
        out.tags = tags;
      } else if (nested) {
        // `custom.favouriteRoast` and `address.city`: an HTML form has only flat names.
        const group = (out[nested[1]] ??= Object.create(null)) as Record<string, unknown>;
        group[nested[2]] = value;
      } else {
        out[name] = value;
      }
    }
    done(null, out);
  });
}

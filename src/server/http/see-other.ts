/** A 303 to `path` that no cache keeps (Astro.redirect's own has no Cache-Control): POST-redirect-GET after a form. */
export const seeOther = (path: string) => new Response(null, { status: 303, headers: { Location: path, 'Cache-Control': 'private, no-store' } });

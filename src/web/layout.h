/* The common page frame: skip link, header and language switch, footer.
 * For page handlers in web/: content goes between layout_begin and layout_end. */
#ifndef ROSC_LAYOUT_H
#define ROSC_LAYOUT_H

struct buf;
struct req;

/* Starts a page; title is already translated (it is escaped here). */
void layout_begin(struct req *r, struct buf *b, const char *title);
/* Ends the page and sends it with status. */
void layout_end(struct req *r, struct buf *b, unsigned status);

/* Writes text someone wrote as paragraphs (a blank line parts them, a
 * single line break stays one), escaped, in a div.own-words marked with
 * its language when known (WCAG 3.1.2). text may be NULL. */
void layout_own_words(struct req *r, struct buf *b, const char *text, const char *lang);

/* The URL of a compiled-in asset, versioned by its ETag ("/static/x.css?v=..."). */
const char *layout_asset_url(struct req *r, const char *name);

#endif

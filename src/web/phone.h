/* Phone numbers as tel: links, one tap to call on a phone.
 * For page handlers in web/ that show numbers (crisis contacts, records). */
#ifndef ROSC_WEB_PHONE_H
#define ROSC_WEB_PHONE_H

struct arena;
struct buf;

/* The number for a tel: link, from the arena: digits only, with a leading +
 * when the number is international ("+45 33 12 34 56" or "0045 ..." become
 * "+4533123456"); a local number stays as it is dialled ("112"). */
const char *phone_tel(struct arena *a, const char *s);

/* Appends text (free text such as "How to reach them"), escaped, with every
 * phone number in it as a tel: link. A number is a run of digits, spaces
 * and + - ( ) . / with at least six digits, or the whole text when it is
 * nothing but such a run with at least three ("112"). */
void phone_html(struct buf *b, struct arena *a, const char *text);

/* Appends a big "Call NAME" button (a tel: link) for a crisis contact. The
 * number is shown beside the name unless the name already says it
 * ("Akut: 112"), so it is never shown twice. */
void phone_call_button(struct buf *b, struct arena *a, const char *name,
    const char *phone);

#endif

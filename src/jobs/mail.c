/* Internet mail messages (jobs/mail.h). */
#include "jobs/mail.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "base/buf.h"
#include "base/clock.h"
#include "base/err.h"
#include "base/utf8.h"

/* A header line may be 998 bytes; keep to 78 where we can (RFC 5322 2.1.1). */
#define LINE_SOFT 78
/* Lines with encoded-words are at most 76 characters (RFC 2047 2). */
#define LINE_WORDS 76

bool
mail_address_valid(const char *addr)
{
	const char *at = NULL, *p;
	size_t n = strlen(addr);

	if (n < 3 || n > 254)
		return false;
	for (p = addr; *p != '\0'; p++) {
		if (*p <= ' ' || *p >= 127 || strchr("<>()[]\\,;:\"", *p) != NULL)
			return false;
		if (*p == '@') {
			if (at != NULL)
				return false;
			at = p;
		}
	}
	return at != NULL && at != addr && at[1] != '\0';
}

int
mail_from_address(const char *from, char *out, size_t n)
{
	const char *lt = strrchr(from, '<'), *gt;
	size_t len;

	if (lt == NULL) {
		lt = from - 1;
		gt = from + strlen(from);
	} else if ((gt = strchr(lt, '>')) == NULL || gt[1] != '\0') {
		return ERR_INVALID;
	}
	len = (size_t)(gt - lt - 1);
	if (len + 1 > n)
		return ERR_INVALID;
	memcpy(out, lt + 1, len);
	out[len] = '\0';
	return mail_address_valid(out) ? 0 : ERR_INVALID;
}

void
mail_url_host(const char *url, char *out, size_t n)
{
	const char *p = strstr(url, "://"), *end, *at;
	size_t len;

	p = p != NULL ? p + 3 : url;
	end = p + strcspn(p, "/?#");
	at = memchr(p, '@', (size_t)(end - p));
	if (at != NULL)
		p = at + 1;               /* no user:password@ */
	if (*p == '[') {
		const char *close = memchr(p, ']', (size_t)(end - p));

		end = close != NULL ? close + 1 : end;
	} else {
		const char *colon = memchr(p, ':', (size_t)(end - p));

		if (colon != NULL)
			end = colon;
	}
	len = (size_t)(end - p);
	if (len == 0 || len + 1 > n) {
		snprintf(out, n, "localhost");
		return;
	}
	memcpy(out, p, len);
	out[len] = '\0';
}

void
mail_date(int64_t us, char out[40])
{
	static const char days[7][4] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
	static const char months[12][4] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
	    "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
	time_t t = (time_t)(us / US_PER_SEC);
	struct tm tm;

	gmtime_r(&t, &tm);
	snprintf(out, 40, "%s, %02d %s %04d %02d:%02d:%02d +0000", days[tm.tm_wday],
	    tm.tm_mday, months[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min,
	    tm.tm_sec);
}

/* True if s can stand in a header as it is, after a name of namelen. */
static bool
header_plain(const char *s, size_t namelen)
{
	const char *p;

	for (p = s; *p != '\0'; p++)
		if (*p < ' ' || *p >= 127)
			return false;
	return strstr(s, "=?") == NULL && namelen + 2 + (size_t)(p - s) <= LINE_SOFT;
}

/* Appends s as RFC 2047 encoded-words (UTF-8, base64), folded onto lines
 * of their own, each line at most 76 characters; the first word follows
 * lead characters already on its line. A word never splits a character. */
static void
put_encoded(struct buf *out, const char *s, size_t lead)
{
	size_t n = strlen(s), i = 0, take, k, most;
	char b64[sodium_base64_ENCODED_LEN(45, sodium_base64_VARIANT_ORIGINAL)];

	while (i < n) {
		/* "=?UTF-8?B?" and "?=" are 12; base64 is 4 for every 3 bytes. */
		most = (LINE_WORDS - lead - 12) / 4 * 3;
		take = 0;
		while (i + take < n) {
			k = utf8_seq_len(s + i + take, n - i - take);
			if (k == 0)
				k = 1;             /* a stray byte goes as it is */
			if (take + k > most)
				break;
			take += k;
		}
		sodium_bin2base64(b64, sizeof(b64), (const unsigned char *)s + i, take,
		    sodium_base64_VARIANT_ORIGINAL);
		buf_printf(out, "%s=?UTF-8?B?%s?=", i > 0 ? "\r\n " : "", b64);
		i += take;
		lead = 1;
	}
}

/* Appends a header whose value is text a person wrote. */
static void
put_text_header(struct buf *out, const char *name, const char *value)
{
	buf_printf(out, "%s: ", name);
	if (header_plain(value, strlen(name)))
		buf_puts(out, value);
	else
		put_encoded(out, value, strlen(name) + 2);
	buf_puts(out, "\r\n");
}

/* Appends the From header: a display name that is not plain ASCII is
 * encoded, the address stays as it is. */
static int
put_from(struct buf *out, const char *from)
{
	const char *lt = strrchr(from, '<');
	char addr[256], name[256];
	size_t len;

	if (mail_from_address(from, addr, sizeof(addr)) != 0)
		return ERR_INVALID;
	if (lt == NULL) {
		buf_printf(out, "From: %s\r\n", addr);
		return 0;
	}
	len = (size_t)(lt - from);
	while (len > 0 && from[len - 1] == ' ')
		len--;
	if (len == 0 || len >= sizeof(name)) {
		buf_printf(out, "From: <%s>\r\n", addr);
		return 0;
	}
	memcpy(name, from, len);
	name[len] = '\0';
	buf_puts(out, "From: ");
	if (header_plain(name, 4))
		buf_puts(out, name);
	else
		put_encoded(out, name, 6);
	buf_printf(out, " <%s>\r\n", addr);
	return 0;
}

/* The body's lines, each without its end (LF, CRLF or a lone CR). */
struct lines {
	const char *p, *end;
};

static bool
next_line(struct lines *l, const char **start, size_t *len)
{
	const char *e;

	if (l->p >= l->end)
		return false;
	*start = l->p;
	for (e = l->p; e < l->end && *e != '\n' && *e != '\r'; e++)
		;
	*len = (size_t)(e - l->p);
	if (e < l->end && *e == '\r' && e + 1 < l->end && e[1] == '\n')
		e++;
	l->p = e < l->end ? e + 1 : e;
	return true;
}

/* True if the body can go as it is (7bit): ASCII, lines of at most 998. */
static bool
body_plain(const char *body)
{
	struct lines l = {body, body + strlen(body)};
	const char *s;
	size_t n, i;

	while (next_line(&l, &s, &n)) {
		if (n > 998)
			return false;
		for (i = 0; i < n; i++)
			if ((unsigned char)s[i] >= 128 || (s[i] < ' ' && s[i] != '\t'))
				return false;
	}
	return true;
}

/* Appends one line in quoted-printable (RFC 2045 6.7): at most 76
 * characters a line, soft line breaks never inside an =XX, space and tab
 * encoded at the end of a line. */
static void
put_qp_line(struct buf *out, const char *s, size_t n)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t i, col = 0, w;
	unsigned char c;
	char tok[4];

	for (i = 0; i < n; i++) {
		c = (unsigned char)s[i];
		if ((c >= 33 && c <= 126 && c != '=') ||
		    ((c == ' ' || c == '\t') && i + 1 < n)) {
			tok[0] = (char)c;
			w = 1;
		} else {
			tok[0] = '=';
			tok[1] = hex[c >> 4];
			tok[2] = hex[c & 15];
			w = 3;
		}
		/* Room for the token and, unless it ends the line, a soft "=". */
		if (col + w > (i + 1 < n ? 75 : 76)) {
			buf_puts(out, "=\r\n");
			col = 0;
		}
		buf_append(out, tok, w);
		col += w;
	}
	buf_puts(out, "\r\n");
}

/* True for a simple language tag: 2 or 3 letters, then optional subtags
 * of letters and digits ("da", "nl-BE"). */
static bool
lang_tag(const char *s)
{
	size_t n = strspn(s, "abcdefghijklmnopqrstuvwxyz");

	if (n < 2 || n > 3)
		return false;
	for (s += n; *s == '-'; s += n) {
		n = strspn(++s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789");
		if (n < 1 || n > 8)
			return false;
	}
	return *s == '\0';
}

int
mail_build(struct buf *out, const struct mail_head *h, const char *body)
{
	struct lines l = {body, body + strlen(body)};
	bool plain = body_plain(body);
	const char *s;
	char date[40];
	size_t n;

	if (!mail_address_valid(h->to) || strpbrk(h->message_id, "\r\n<> ") != NULL ||
	    strpbrk(h->from, "\r\n") != NULL ||
	    (h->subject != NULL && strpbrk(h->subject, "\r\n") != NULL))
		return ERR_INVALID;
	mail_date(h->date_us, date);
	buf_printf(out, "Date: %s\r\n", date);
	if (put_from(out, h->from) != 0)
		return ERR_INVALID;
	buf_printf(out, "To: %s\r\n", h->to);
	if (h->subject != NULL)
		put_text_header(out, "Subject", h->subject);
	buf_printf(out, "Message-ID: <%s>\r\n", h->message_id);
	/* Machines answering machines (holiday replies) leave it alone. */
	buf_puts(out, "Auto-Submitted: auto-generated\r\n");
	buf_puts(out, "MIME-Version: 1.0\r\n"
	    "Content-Type: text/plain; charset=UTF-8\r\n");
	/* So that a screen reader reads it in its language (RFC 3282). */
	if (h->lang != NULL && lang_tag(h->lang))
		buf_printf(out, "Content-Language: %s\r\n", h->lang);
	buf_printf(out, "Content-Transfer-Encoding: %s\r\n\r\n",
	    plain ? "7bit" : "quoted-printable");
	while (next_line(&l, &s, &n)) {
		if (plain) {
			buf_append(out, s, n);
			buf_puts(out, "\r\n");
		} else {
			put_qp_line(out, s, n);
		}
	}
	return 0;
}

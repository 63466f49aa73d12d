/* Phone numbers as links that call: one tap on a phone. */
#include "web/phone.h"

#include <stdbool.h>
#include <string.h>

#include "base/arena.h"
#include "base/buf.h"
#include "base/html.h"
#include "base/i18n.h"

#define FREE_TEXT_DIGITS_MIN 6 /* "10-12" in free text is a time, not a phone */
#define WHOLE_DIGITS_MIN 3     /* "112" */

const char *
phone_tel(struct arena *a, const char *s)
{
	char *out = arena_alloc(a, strlen(s) + 2), *w = out;
	const char *q = s + strspn(s, " ");

	if (*q == '+') {
		*w++ = '+';
	} else if (q[0] == '0' && q[1] == '0') {
		*w++ = '+';
		q += 2;
	}
	for (; *q; q++)
		if (*q >= '0' && *q <= '9')
			*w++ = *q;
	*w = '\0';
	return out;
}

static bool
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* The length of the phone-number run at s (starting with + or a digit),
 * trailing separators left off; *digits: how many digits it holds. */
static size_t
run_len(const char *s, size_t *digits)
{
	size_t n = 0, end = 0;

	*digits = 0;
	if (s[0] == '+')
		n = 1;
	for (; s[n] != '\0' && strchr("0123456789 -().+/", s[n]) != NULL; n++) {
		if (s[n] == '+')
			break;
		if (is_digit(s[n])) {
			(*digits)++;
			end = n + 1;
		}
	}
	return end;
}

static void
link(struct buf *b, struct arena *a, const char *s, size_t n)
{
	const char *num = arena_strndup(a, s, n);

	html(b, "<a href=\"tel:%s\" class=\"tel\">%s</a>", phone_tel(a, num), num);
}

void
phone_html(struct buf *b, struct arena *a, const char *text)
{
	const char *s = text, *plain = text;
	size_t n, digits;

	n = run_len(text, &digits);
	if (n > 0 && text[n] == '\0' && digits >= WHOLE_DIGITS_MIN) {
		link(b, a, text, n);
		return;
	}
	while (*s != '\0') {
		bool starts = (*s == '+' || is_digit(*s)) &&
		    (s == text || !(is_digit(s[-1]) || (s[-1] >= 'A' && s[-1] <= 'z')));

		if (starts && (n = run_len(s, &digits)) > 0 && digits >= FREE_TEXT_DIGITS_MIN) {
			html_escape(b, plain, (size_t)(s - plain));
			link(b, a, s, n);
			s += n;
			plain = s;
			continue;
		}
		s++;
	}
	html_escape(b, plain, strlen(plain));
}

/* True if the digits of phone appear, in order and together, in the
 * digits of name. */
static bool
name_says_number(struct arena *a, const char *name, const char *phone)
{
	const char *want = phone_tel(a, phone), *have = phone_tel(a, name);

	if (*want == '+')
		want++;
	return *want != '\0' && strstr(have, want) != NULL;
}

void
phone_call_button(struct buf *b, struct arena *a, const char *name, const char *phone)
{
	html(b, "<a href=\"tel:%s\" class=\"button call\">%s", phone_tel(a, phone),
	    arena_printf(a, _("Call %s"), name));
	if (!name_says_number(a, name, phone))
		html(b, " <span class=\"number\">%s</span>", phone);
	html_raw(b, "</a>");
}

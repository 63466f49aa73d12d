#include "base/html.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "base/arena.h"
#include "base/buf.h"
#include "base/utf8.h"

static const char replacement[] = "\xEF\xBF\xBD";

void
html_escape(struct buf *b, const char *s, size_t n)
{
	size_t i = 0, run = 0;

	while (i < n) {
		unsigned char c = (unsigned char)s[i];
		const char *ent = NULL;
		size_t len;

		switch (c) {
		case '&': ent = "&amp;"; break;
		case '<': ent = "&lt;"; break;
		case '>': ent = "&gt;"; break;
		case '"': ent = "&quot;"; break;
		case '\'': ent = "&#39;"; break;
		case '\0': ent = replacement; break;
		default:
			if (c < 0x80) {
				i++;
				continue;
			}
			len = utf8_seq_len(s + i, n - i);
			if (len == 0) {
				ent = replacement;
				break;
			}
			i += len;
			continue;
		}
		buf_append(b, s + run, i - run);
		buf_puts(b, ent);
		i++;
		run = i;
	}
	buf_append(b, s + run, i - run);
}

void
html_raw(struct buf *b, const char *markup)
{
	buf_puts(b, markup);
}

void
html_raw_buf(struct buf *b, const struct buf *fragment)
{
	buf_append(b, fragment->data, fragment->len);
}

/* A small printf: each conversion is handed to snprintf, except %s which is
 * escaped. Supports flags, width, precision (also .*), the length modifiers
 * h hh l ll z j t, and d i u x X o c s p %. */
void
html(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	const char *p = fmt, *run = fmt;

	va_start(ap, fmt);
	while (*p) {
		char spec[32];
		size_t sl = 0;
		int prec = -1, have_prec = 0;
		char len1 = 0, len2 = 0, conv;

		if (*p != '%') {
			p++;
			continue;
		}
		buf_append(b, run, (size_t)(p - run));
		spec[sl++] = *p++;
		if (*p == '%') {
			buf_putc(b, '%');
			run = ++p;
			continue;
		}
		while (strchr("-+ #0", *p) && *p && sl < 8)
			spec[sl++] = *p++;
		while (*p >= '0' && *p <= '9' && sl < 16)
			spec[sl++] = *p++;
		if (*p == '.') {
			have_prec = 1;
			p++;
			if (*p == '*') {
				prec = va_arg(ap, int);
				p++;
			} else {
				prec = 0;
				while (*p >= '0' && *p <= '9')
					prec = prec * 10 + (*p++ - '0');
			}
		}
		if (strchr("hlzjt", *p) && *p) {
			len1 = *p++;
			if ((len1 == 'h' || len1 == 'l') && *p == len1)
				len2 = *p++;
		}
		conv = *p++;
		if (conv == '\0')
			die("html: truncated format \"%s\"", fmt);
		if (conv == 's') {
			const char *s = va_arg(ap, const char *);
			size_t n;

			if (s == NULL)
				s = "";
			n = have_prec ? strnlen(s, prec < 0 ? 0 : (size_t)prec) : strlen(s);
			html_escape(b, s, n);
			run = p;
			continue;
		}
		if (have_prec)
			sl += (size_t)snprintf(spec + sl, sizeof(spec) - sl - 4, ".%d", prec);
		if (len1)
			spec[sl++] = len1;
		if (len2)
			spec[sl++] = len2;
		spec[sl++] = conv;
		spec[sl] = '\0';
		/* spec is one conversion copied from the caller's literal format,
		 * which the compiler checked against the arguments. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
		switch (conv) {
		case 'd': case 'i': case 'u': case 'x': case 'X': case 'o': case 'c':
			if (len1 == 'l' && len2 == 'l')
				buf_printf(b, spec, va_arg(ap, long long));
			else if (len1 == 'l')
				buf_printf(b, spec, va_arg(ap, long));
			else if (len1 == 'z')
				buf_printf(b, spec, va_arg(ap, size_t));
			else if (len1 == 'j')
				buf_printf(b, spec, va_arg(ap, intmax_t));
			else if (len1 == 't')
				buf_printf(b, spec, va_arg(ap, ptrdiff_t));
			else
				buf_printf(b, spec, va_arg(ap, int));
			break;
		case 'p':
			buf_printf(b, spec, va_arg(ap, void *));
			break;
		default:
			die("html: unsupported conversion %%%c in \"%s\"", conv, fmt);
		}
#pragma GCC diagnostic pop
		run = p;
	}
	buf_append(b, run, (size_t)(p - run));
	va_end(ap);
}

void
url_encode(struct buf *b, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";

	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
		    (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.' ||
		    c == '~') {
			buf_putc(b, (char)c);
		} else {
			char e[3] = {'%', hex[c >> 4], hex[c & 15]};
			buf_append(b, e, 3);
		}
	}
}

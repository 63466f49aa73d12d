/* Internet mail messages (RFC 5322) for the outbox's e-mail: the headers,
 * a subject in RFC 2047 encoded-words when it is not plain ASCII, a UTF-8
 * text body (7bit when it is ASCII, else quoted-printable), CRLF line ends.
 * No I/O: jobs/deliver.c hands the text to the mail server (curl does the
 * SMTP dot-stuffing). */
#ifndef ROSC_JOBS_MAIL_H
#define ROSC_JOBS_MAIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct buf;

/* The headers of one message. */
struct mail_head {
	const char *from;         /* "addr@host" or "Display Name <addr@host>" */
	const char *to;           /* a bare address */
	const char *subject;      /* UTF-8; NULL for none */
	const char *message_id;   /* without the angle brackets */
	int64_t date_us;          /* the Date header */
	const char *lang;         /* Content-Language ("da", "nl-BE"); NULL or
	                           * not a language tag: none */
};

/* True if addr is a plain address rosc can put in a header and in the
 * SMTP envelope: printable ASCII, no spaces or specials, one @ with
 * something either side, at most 254 bytes. */
bool mail_address_valid(const char *addr);

/* Copies the bare address of a From value ("addr" or "Name <addr>") into
 * out (n bytes). Returns 0, or ERR_INVALID if there is no valid address. */
int mail_from_address(const char *from, char *out, size_t n);

/* The host of a base URL ("https://rosc.example.org:8443/x" gives
 * "rosc.example.org"; an IPv6 literal keeps its brackets), for the right
 * side of Message-IDs. "localhost" when there is none. */
void mail_url_host(const char *url, char *out, size_t n);

/* Writes the RFC 5322 date of us (UTC) into out: "Tue, 03 Mar 2026
 * 10:00:00 +0000". Not through the locale: day and month names are
 * English by the standard. */
void mail_date(int64_t us, char out[40]);

/* Appends the whole message (headers, blank line, body) to out, every
 * line ending in CRLF. Returns 0, or ERR_INVALID when a header would
 * carry a line break (header injection) or an address is not valid. */
int mail_build(struct buf *out, const struct mail_head *h, const char *body);

#endif

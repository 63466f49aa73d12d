/* Help now: the national helplines a person is shown, by country, with the
 * public source each number was taken from; the country a time zone
 * stands for; how a network member is reached (network_member.contact);
 * and the words of the message to the people the person chose. No HTTP
 * and no SQL. */
#ifndef ROSC_CORE_HELP_NOW_H
#define ROSC_CORE_HELP_NOW_H

#include <stdbool.h>
#include <stddef.h>

struct arena;

/* The countries rosc knows helplines for. */
enum hn_country { HN_NONE, HN_DK, HN_NL };

/* One helpline. name and source_org are proper names (not translated);
 * what is a msgid (N_()), shown with _(). number is as dialled. */
struct helpline {
	enum hn_country country;
	const char *name;         /* "Livslinien", "113 Zelfmoordpreventie" */
	const char *number;       /* "112", "80 200 500" */
	const char *what;         /* what it is for, a msgid */
	const char *source_org;   /* who publishes the number */
	const char *source_url;   /* the public page it was confirmed on */
	bool emergency;           /* 112: danger to life, now */
};

/* The helplines of country c, emergency first, in *n (none for HN_NONE:
 * then only the European emergency number, helpline_europe()). */
const struct helpline *helplines(enum hn_country c, size_t *n);
/* 112, for a person in no country rosc knows. */
const struct helpline *helpline_europe(void);

/* The country a time zone stands for: Europe/Copenhagen → HN_DK,
 * Europe/Amsterdam → HN_NL, anything else HN_NONE. */
enum hn_country hn_country_of_zone(const char *tz);
const char *hn_country_code(enum hn_country c);    /* "DK", "NL", NULL */

/* How a message reaches a network member, from what their row says is how
 * to reach them: an e-mail address (one word with one @ and a dot after
 * it) by e-mail, a phone number (only digits, spaces and + - ( ) . /, at
 * least six digits) by text message, anything else not at all.
 * *recipient gets the address, or the number as dialled (phone_tel's
 * rule: digits with a leading + for an international one), from a. */
enum hn_channel { HN_UNREACHABLE, HN_EMAIL, HN_SMS };
enum hn_channel hn_channel_of(struct arena *a, const char *contact, const char **recipient);
const char *hn_channel_code(enum hn_channel c);    /* "email", "sms", NULL */

/* The message to a chosen member, in the thread's language: minimal, and
 * nothing about alcohol, drugs or care ("Mette pressed Help now in rosc
 * and would like you to get in touch."). first_name: the person's
 * preferred name or the first word of their name. */
void hn_message(struct arena *a, const char *first_name, const char **subject,
    const char **body);
/* The message's first line, which the person is shown before choosing. */
const char *hn_message_line(struct arena *a, const char *first_name);
/* The first word of a name ("Mette" of "Mette Larsen"), from a. */
const char *hn_first_name(struct arena *a, const char *preferred, const char *name);

/* At most this many members can be chosen. */
#define HN_NOTIFY_MAX 10

#endif

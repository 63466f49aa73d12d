/* Help now: helplines, countries, how a member is reached, the message
 * (see help_now.h). */
#include "core/help_now.h"

#include <string.h>

#include "base/arena.h"
#include "base/i18n.h"

/* The national helplines, as data. Each number was checked against a
 * public source before it was put here; the page names the organisation
 * and its page, so a reader can check it again. Only numbers that could be
 * confirmed are listed: a wrong number here is worse than none. When one
 * changes, change it here and in tests/unit/test_help_now.c.
 *
 *   112 (DK): "112 is the nation-wide number", Life in Denmark (borger.dk).
 *   Alkolinjen 80 200 500: Alkohol & Samfund's free, anonymous advice line
 *     (reported with this number 2018-2024).
 *   112 (NL): "als elke seconde telt", Politie (politie.nl, 2021).
 *   112 elsewhere: the same number in every EU country (European Commission).
 *   113 Zelfmoordpreventie: 113, free since 2025, day and night (113.nl).
 *   De Luisterlijn 088 0767 000: day and night (reported 2020-2023). */
static const struct helpline lines[] = {
	{HN_DK, "Alarm 112", "112",
	    N_("Ambulance, fire or police: when a life is in danger now."),
	    "Life in Denmark (borger.dk)",
	    "https://lifeindenmark.borger.dk/pages/Emergencies.aspx", true},
	{HN_DK, "Alkolinjen", "80 200 500",
	    N_("Free and anonymous advice, for you and for those close to you."),
	    "Alkohol & Samfund", "https://alkolinjen.dk", false},
	{HN_NL, "112", "112",
	    N_("Ambulance, fire or police: when a life is in danger now."),
	    "Politie", "https://www.politie.nl/nieuws/2021/februari/11/08-als-elke-seconde-telt.html",
	    true},
	{HN_NL, "113 Zelfmoordpreventie", "113",
	    N_("If you think about ending your life: free and anonymous, day and night."),
	    "Stichting 113 Zelfmoordpreventie", "https://www.113.nl", false},
	{HN_NL, "De Luisterlijn", "088 0767 000",
	    N_("Someone who listens, in confidence, day and night."),
	    "De Luisterlijn", "https://www.deluisterlijn.nl", false},
};
#define NLINES (sizeof(lines) / sizeof(lines[0]))

static const struct helpline europe = {
	HN_NONE, "112", "112",
	N_("Ambulance, fire or police: when a life is in danger now."),
	"European Commission", "http://ec.europa.eu/news/justice/090211_1_da.htm", true,
};

const struct helpline *
helplines(enum hn_country c, size_t *n)
{
	size_t i, first = NLINES;

	*n = 0;
	for (i = 0; i < NLINES; i++)
		if (lines[i].country == c) {
			if (first == NLINES)
				first = i;
			(*n)++;
		}
	return *n > 0 ? &lines[first] : NULL;
}

const struct helpline *
helpline_europe(void)
{
	return &europe;
}

enum hn_country
hn_country_of_zone(const char *tz)
{
	if (tz == NULL)
		return HN_NONE;
	if (strcmp(tz, "Europe/Copenhagen") == 0)
		return HN_DK;
	if (strcmp(tz, "Europe/Amsterdam") == 0)
		return HN_NL;
	return HN_NONE;
}

const char *
hn_country_code(enum hn_country c)
{
	return c == HN_DK ? "DK" : c == HN_NL ? "NL" : NULL;
}

const char *
hn_channel_code(enum hn_channel c)
{
	return c == HN_EMAIL ? "email" : c == HN_SMS ? "sms" : NULL;
}

static bool
is_email(const char *s, size_t n)
{
	const char *at = memchr(s, '@', n), *dot;
	size_t i;

	if (at == NULL || at == s || memchr(at + 1, '@', n - (size_t)(at - s) - 1) != NULL)
		return false;
	for (i = 0; i < n; i++)
		if ((unsigned char)s[i] <= ' ' || s[i] == '<' || s[i] == '>' || s[i] == ',' ||
		    s[i] == ';' || s[i] == '"' || s[i] == 0x7f)
			return false;
	dot = memchr(at + 1, '.', n - (size_t)(at - s) - 1);
	return dot != NULL && dot > at + 1 && dot < s + n - 1;
}

enum hn_channel
hn_channel_of(struct arena *a, const char *contact, const char **recipient)
{
	const char *s = contact, *q;
	size_t n, digits = 0;
	char *out, *w;

	*recipient = NULL;
	if (s == NULL)
		return HN_UNREACHABLE;
	while (*s == ' ' || *s == '\t')
		s++;
	n = strlen(s);
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	if (n == 0 || n > 254)
		return HN_UNREACHABLE;
	if (is_email(s, n)) {
		*recipient = arena_strndup(a, s, n);
		return HN_EMAIL;
	}
	/* A phone number: nothing but digits and the usual separators, one +
	 * only at the start. */
	for (q = s; q < s + n; q++) {
		if (*q >= '0' && *q <= '9')
			digits++;
		else if (*q == '+' && q != s)
			return HN_UNREACHABLE;
		else if (strchr("+ -()./", *q) == NULL)
			return HN_UNREACHABLE;
	}
	if (digits < 6 || digits > 15)
		return HN_UNREACHABLE;
	out = arena_alloc(a, n + 2);
	w = out;
	q = s;
	if (*q == '+') {
		*w++ = '+';
		q++;
	} else if (q[0] == '0' && q[1] == '0') {
		*w++ = '+';
		q += 2;
	}
	for (; q < s + n; q++)
		if (*q >= '0' && *q <= '9')
			*w++ = *q;
	*w = '\0';
	*recipient = out;
	return HN_SMS;
}

const char *
hn_first_name(struct arena *a, const char *preferred, const char *name)
{
	const char *s = preferred != NULL && *preferred ? preferred : name;
	size_t n;

	if (s == NULL)
		return "";
	while (*s == ' ')
		s++;
	n = strcspn(s, " \t");
	return arena_strndup(a, s, n);
}

const char *
hn_message_line(struct arena *a, const char *first_name)
{
	return arena_printf(a, _("%s pressed Help now in rosc and would like you to get in "
	    "touch."), first_name);
}

void
hn_message(struct arena *a, const char *first_name, const char **subject,
    const char **body)
{
	*subject = arena_printf(a, _("%s would like you to get in touch"), first_name);
	*body = arena_printf(a, "%s\n\n%s", hn_message_line(a, first_name),
	    arena_printf(a, _("A call or a visit is the best thing. This message was sent by "
	    "rosc because %s chose you to be told."), first_name));
}

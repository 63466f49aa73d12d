/* Languages. Every user-visible string goes through _() (gettext) or
 * ngettext(); the language is chosen per request and set on the calling
 * thread with i18n_use(), because a threaded server cannot switch the
 * process locale. See ARCHITECTURE.md, "Languages". */
#ifndef ROSC_I18N_H
#define ROSC_I18N_H

#include <libintl.h>
#include <stdbool.h>
#include <stddef.h>

#define _(s) gettext(s)
#define N_(s) (s)

enum lang { LANG_EN, LANG_NL, LANG_DA, LANG_COUNT };

/* Binds the catalogs and opens one locale per language. Languages whose
 * locale is missing on this machine fall back to English, with a warning.
 * Call once, before any thread starts. Returns 0 or ERR_NOT_FOUND if no
 * catalog directory was found. */
int i18n_init(void);

/* True if lang will really be shown (its locale and catalog exist). */
bool i18n_available(enum lang lang);

/* Makes gettext on the calling thread answer in lang. */
void i18n_use(enum lang lang);
/* The language gettext answers in on the calling thread (English where
 * the one asked for is not available). */
enum lang i18n_current(void);

/* "en", "nl", "da": the code used in URLs, cookies and lang attributes. */
const char *lang_code(enum lang lang);
/* The language's own name for itself: "English", "Nederlands", "Dansk". */
const char *lang_endonym(enum lang lang);
/* The ICU locale id for dates: "en_GB", "nl_NL", "da_DK". */
const char *lang_icu(enum lang lang);

/* Any language's name, by its ISO 639 code, in language `in` (ICU's
 * names: "Polish", "Pools", "polsk"), into buf (size n); the code itself
 * if ICU knows none. Returns buf. */
const char *lang_name(const char *code, enum lang in, char *buf, size_t n);

/* Reads a language code ("da", "da-DK", "nl_BE", case-insensitive, n bytes);
 * returns true and sets *out if it names one of ours. */
bool lang_parse(const char *s, size_t n, enum lang *out);

/* Picks the language for a request: the lang cookie if set and known, else
 * the best match in Accept-Language (by q, then order), else English.
 * Either argument may be NULL. */
enum lang lang_negotiate(const char *cookie, const char *accept_language);

#endif

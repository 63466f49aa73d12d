#include "base/i18n.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include <unicode/uloc.h>
#include <unicode/ustring.h>

#include "config.h"
#include "base/err.h"
#include "base/log.h"

static const struct {
	const char *code, *endonym, *icu, *locale;
} langs[LANG_COUNT] = {
	[LANG_EN] = {"en", "English", "en_GB", "en_GB.UTF-8"},
	[LANG_NL] = {"nl", "Nederlands", "nl_NL", "nl_NL.UTF-8"},
	[LANG_DA] = {"da", "Dansk", "da_DK", "da_DK.UTF-8"},
};

static locale_t locales[LANG_COUNT];

static bool
has_catalog(const char *dir)
{
	char path[4096];
	struct stat st;

	snprintf(path, sizeof(path), "%s/da/LC_MESSAGES/rosc.mo", dir);
	return stat(path, &st) == 0;
}

int
i18n_init(void)
{
	const char *dir = getenv("ROSC_LOCALEDIR");
	locale_t base;
	int i;

	/* LANGUAGE would override every thread's locale in gettext. */
	unsetenv("LANGUAGE");
	if (dir == NULL || *dir == '\0')
		dir = has_catalog(ROSC_LOCALEDIR) ? ROSC_LOCALEDIR : ROSC_BUILD_LOCALEDIR;
	if (!has_catalog(dir)) {
		log_warn("msg=\"no message catalogs found; pages will be in English\" dir=%s", dir);
		return ERR_NOT_FOUND;
	}
	bindtextdomain("rosc", dir);
	bind_textdomain_codeset("rosc", "UTF-8");
	textdomain("rosc");

	for (i = 0; i < LANG_COUNT; i++) {
		/* Only the messages follow the language: numbers stay "C" so
		 * JSON and SVG are never written with a decimal comma. */
		base = newlocale(LC_CTYPE_MASK, "C.UTF-8", (locale_t)0);
		if (base == (locale_t)0)
			base = newlocale(LC_CTYPE_MASK, "C", (locale_t)0);
		locales[i] = newlocale(LC_MESSAGES_MASK, langs[i].locale, base);
		if (locales[i] == (locale_t)0) {
			freelocale(base);
			log_warn("msg=\"locale missing; this language falls back to English\" "
			    "locale=%s hint=\"run scripts/install-deps.sh\"", langs[i].locale);
			continue;
		}
		/* Load the catalog now: after rosc drops its privileges it may no
		 * longer be able to read the build folder. */
		uselocale(locales[i]);
		(void)gettext("Skip to content");
	}
	uselocale(LC_GLOBAL_LOCALE);
	return 0;
}

bool
i18n_available(enum lang lang)
{
	return lang == LANG_EN || locales[lang] != (locale_t)0;
}

void
i18n_use(enum lang lang)
{
	if ((unsigned)lang < LANG_COUNT && locales[lang] != (locale_t)0)
		uselocale(locales[lang]);
	else if (locales[LANG_EN] != (locale_t)0)
		uselocale(locales[LANG_EN]);
	else
		uselocale(LC_GLOBAL_LOCALE);
}

enum lang
i18n_current(void)
{
	locale_t cur = uselocale((locale_t)0);
	int l;

	for (l = 0; l < LANG_COUNT; l++)
		if (locales[l] != (locale_t)0 && cur == locales[l])
			return (enum lang)l;
	return LANG_EN;
}

const char *
lang_code(enum lang lang)
{
	return langs[(unsigned)lang < LANG_COUNT ? lang : LANG_EN].code;
}

const char *
lang_endonym(enum lang lang)
{
	return langs[(unsigned)lang < LANG_COUNT ? lang : LANG_EN].endonym;
}

const char *
lang_icu(enum lang lang)
{
	return langs[(unsigned)lang < LANG_COUNT ? lang : LANG_EN].icu;
}

bool
lang_parse(const char *s, size_t n, enum lang *out)
{
	int i;

	if (n < 2 || (n > 2 && s[2] != '-' && s[2] != '_'))
		return false;
	for (i = 0; i < LANG_COUNT; i++) {
		if (strncasecmp(s, langs[i].code, 2) == 0) {
			*out = (enum lang)i;
			return true;
		}
	}
	return false;
}

enum lang
lang_negotiate(const char *cookie, const char *accept)
{
	enum lang best = LANG_EN, l;
	int best_q = -1;
	const char *p;

	if (cookie != NULL && lang_parse(cookie, strlen(cookie), &l))
		return l;
	if (accept == NULL)
		return LANG_EN;
	/* "da-DK,da;q=0.9,en;q=0.5": q is read to three decimals. */
	for (p = accept; *p;) {
		const char *tag, *end;
		size_t tlen;
		int q = 1000;

		while (*p == ' ' || *p == ',')
			p++;
		tag = p;
		while (*p && *p != ',' && *p != ';' && *p != ' ')
			p++;
		tlen = (size_t)(p - tag);
		end = strchr(p, ',');
		if (end == NULL)
			end = p + strlen(p);
		for (; p < end; p++) {
			if (p[0] == 'q' && p[1] == '=') {
				const char *d = p + 2;
				int frac = 0, digits = 0;

				q = (*d == '1') ? 1000 : 0;
				if (*d == '0' || *d == '1')
					d++;
				if (*d == '.')
					for (d++; *d >= '0' && *d <= '9' && digits < 3; d++, digits++)
						frac = frac * 10 + (*d - '0');
				for (; digits < 3; digits++)
					frac *= 10;
				if (q == 0)
					q = frac;
				break;
			}
		}
		p = end;
		if (q > best_q && q > 0 && lang_parse(tag, tlen, &l)) {
			best = l;
			best_q = q;
		}
	}
	return best;
}

const char *
lang_name(const char *code, enum lang in, char *buf, size_t n)
{
	UChar name[64];
	UErrorCode st = U_ZERO_ERROR;
	int32_t len;

	len = uloc_getDisplayLanguage(code, lang_icu(in), name, 64, &st);
	if (U_SUCCESS(st) && len > 0 && st != U_USING_DEFAULT_WARNING) {
		u_strToUTF8(buf, (int32_t)n, NULL, name, len, &st);
		if (U_SUCCESS(st) && st != U_STRING_NOT_TERMINATED_WARNING)
			return buf;
	}
	snprintf(buf, n, "%s", code);
	return buf;
}

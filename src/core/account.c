#include "core/account.h"

#include <ctype.h>
#include <string.h>

#include "base/i18n.h"
#include "base/utf8.h"

static const char *const role_codes[ROLE_COUNT] = {
	"", "org_admin", "coordinator", "professional", "peer_worker", "volunteer",
};
static const char *const role_labels[ROLE_COUNT] = {
	"", N_("Organisation admin"), N_("Coordinator"), N_("Professional"),
	N_("Peer worker"), N_("Volunteer"),
};
/* The same roles in the middle of a sentence ("as a volunteer"): lower
 * case in all three languages. */
static const char *const role_words[ROLE_COUNT] = {
	"", N_("organisation admin"), N_("coordinator"), N_("professional"),
	N_("peer worker"), N_("volunteer"),
};
static const char *const sector_codes[SECTOR_COUNT] = {
	"addiction_treatment", "health_care", "mental_health", "social_services",
	"housing", "employment", "education", "peer_organisation",
	"volunteer_organisation", "justice", "community",
};
static const char *const sector_labels[SECTOR_COUNT] = {
	N_("Addiction treatment"), N_("Health care"), N_("Mental health"),
	N_("Social services"), N_("Housing"), N_("Employment"), N_("Education"),
	N_("Peer organisation"), N_("Volunteer organisation"), N_("Justice"),
	N_("Community"),
};
static const char *const kind_codes[USER_KIND_COUNT] = {"staff", "person", "family"};
static const char *const kind_labels[USER_KIND_COUNT] = {
	N_("Staff member"), N_("Person in recovery"), N_("Family member or supporter"),
};

static bool
parse(const char *const *codes, int n, int first, const char *s, int *out)
{
	int i;

	if (s == NULL)
		return false;
	for (i = first; i < n; i++) {
		if (strcmp(codes[i], s) == 0) {
			*out = i;
			return true;
		}
	}
	return false;
}

const char *
role_code(enum role r)
{
	return (unsigned)r < ROLE_COUNT ? role_codes[r] : "";
}

const char *
sector_code(enum sector s)
{
	return (unsigned)s < SECTOR_COUNT ? sector_codes[s] : "";
}

const char *
user_kind_code(enum user_kind k)
{
	return (unsigned)k < USER_KIND_COUNT ? kind_codes[k] : "";
}

bool
role_parse(const char *s, enum role *out)
{
	int v;

	if (!parse(role_codes, ROLE_COUNT, 1, s, &v))
		return false;
	*out = (enum role)v;
	return true;
}

bool
sector_parse(const char *s, enum sector *out)
{
	int v;

	if (!parse(sector_codes, SECTOR_COUNT, 0, s, &v))
		return false;
	*out = (enum sector)v;
	return true;
}

bool
user_kind_parse(const char *s, enum user_kind *out)
{
	int v;

	if (!parse(kind_codes, USER_KIND_COUNT, 0, s, &v))
		return false;
	*out = (enum user_kind)v;
	return true;
}

const char *
role_label(enum role r)
{
	return (unsigned)r < ROLE_COUNT && r != ROLE_NONE ? _(role_labels[r]) : "";
}

const char *
role_word(enum role r)
{
	return (unsigned)r < ROLE_COUNT && r != ROLE_NONE ? _(role_words[r]) : "";
}

const char *
sector_label(enum sector s)
{
	return (unsigned)s < SECTOR_COUNT ? _(sector_labels[s]) : "";
}

const char *
user_kind_label(enum user_kind k)
{
	return (unsigned)k < USER_KIND_COUNT ? _(kind_labels[k]) : "";
}

const char *
check_username(const char *s)
{
	size_t n, i;

	if (s == NULL || *s == '\0')
		return "required";
	n = strlen(s);
	if (n > USERNAME_MAX)
		return "too_long";
	if (n < USERNAME_MIN)
		return "too_short";
	/* ASCII letters, digits and . _ - @ : easy to type on any phone,
	 * and an e-mail address fits. */
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (!(isalnum(c) || c == '.' || c == '_' || c == '-' || c == '@') || c > 0x7f)
			return "invalid_format";
	}
	return NULL;
}

const char *
check_name(const char *s, size_t max_chars)
{
	size_t n, i;

	if (s == NULL)
		return "required";
	n = strlen(s);
	if (!utf8_valid_text(s, n))
		return "invalid_format";
	for (i = 0; i < n && (s[i] == ' ' || s[i] == '\t'); i++)
		;
	if (i == n)
		return "required";
	if (utf8_count(s, n) > max_chars)
		return "too_long";
	if (memchr(s, '\n', n) || memchr(s, '\r', n))
		return "invalid_format";
	return NULL;
}

void
username_key(const char *username, char *out)
{
	for (; *username; username++)
		*out++ = (char)tolower((unsigned char)*username);
	*out = '\0';
}

#include "core/person.h"

#include <pthread.h>
#include <string.h>

#include <unicode/ucol.h>
#include <unicode/ustring.h>

#include "base/arena.h"
#include "base/i18n.h"

static const char *const cat_codes[CAT_COUNT] = {
	"basic", "plan", "appointments", "notes", "questionnaires", "substance",
};
static const char *const cat_labels[CAT_COUNT] = {
	N_("Basic details (name, contact, my people)"), N_("My plan and goals"),
	N_("Appointments"), N_("Journal notes"), N_("Check-ins and questionnaires"),
	N_("Alcohol and drug use"),
};
static const char *const role_codes[NET_ROLE_COUNT] = {
	"coordinator", "professional", "peer_worker", "volunteer", "family", "supporter",
};
static const char *const role_labels[NET_ROLE_COUNT] = {
	N_("Coordinator"), N_("Professional"), N_("Peer worker"), N_("Volunteer"),
	N_("Family"), N_("Supporter"),
};

const char *
category_code(enum category c)
{
	return (unsigned)c < CAT_COUNT ? cat_codes[c] : "";
}

bool
category_parse(const char *s, enum category *out)
{
	int i;

	for (i = 0; s != NULL && i < CAT_COUNT; i++) {
		if (strcmp(s, cat_codes[i]) == 0) {
			*out = (enum category)i;
			return true;
		}
	}
	return false;
}

const char *
category_label(enum category c)
{
	return (unsigned)c < CAT_COUNT ? _(cat_labels[c]) : "";
}

const char *
net_role_code(enum net_role r)
{
	return (unsigned)r < NET_ROLE_COUNT ? role_codes[r] : "";
}

bool
net_role_parse(const char *s, enum net_role *out)
{
	int i;

	for (i = 0; s != NULL && i < NET_ROLE_COUNT; i++) {
		if (strcmp(s, role_codes[i]) == 0) {
			*out = (enum net_role)i;
			return true;
		}
	}
	return false;
}

const char *
net_role_label(enum net_role r)
{
	return (unsigned)r < NET_ROLE_COUNT ? _(role_labels[r]) : "";
}

/* Converts UTF-8 to UTF-16 in the arena; NULL on failure. */
static UChar *
to_u16(struct arena *a, const char *s, int32_t *len)
{
	UErrorCode st = U_ZERO_ERROR;
	int32_t n = (int32_t)strlen(s);
	UChar *u = arena_alloc(a, ((size_t)n + 1) * sizeof(UChar));

	u_strFromUTF8(u, n + 1, len, s, n, &st);
	return U_SUCCESS(st) ? u : NULL;
}

const char *
person_name_key(struct arena *a, const char *name)
{
	UErrorCode st = U_ZERO_ERROR;
	int32_t n, m, k;
	UChar *u = to_u16(a, name, &n), *f;
	char *out;

	if (u == NULL)
		return arena_strdup(a, name);
	f = arena_alloc(a, ((size_t)n * 3 + 1) * sizeof(UChar));
	m = u_strFoldCase(f, n * 3 + 1, u, n, U_FOLD_CASE_DEFAULT, &st);
	if (U_FAILURE(st))
		return arena_strdup(a, name);
	out = arena_alloc(a, (size_t)m * 3 + 1);
	st = U_ZERO_ERROR;
	u_strToUTF8(out, m * 3 + 1, &k, f, m, &st);
	return U_SUCCESS(st) ? out : arena_strdup(a, name);
}

/* One collator for the process: ucol_getSortKey takes it const, which
 * ICU allows from many threads at once. */
static UCollator *collator;
static pthread_once_t collator_once = PTHREAD_ONCE_INIT;

static void
open_collator(void)
{
	UErrorCode st = U_ZERO_ERROR;

	/* Danish rules put æ ø å after z; Dutch readers find the same order
	 * natural enough, and one order is what every backend must give. */
	collator = ucol_open("da", &st);
	if (U_FAILURE(st))
		collator = NULL;
}

const char *
person_name_sort(struct arena *a, const char *name)
{
	static const char hex[] = "0123456789abcdef";
	int32_t n, len, i;
	UChar *u = to_u16(a, name, &n);
	uint8_t *key;
	char *out;

	pthread_once(&collator_once, open_collator);
	if (u == NULL || collator == NULL)
		return person_name_key(a, name);
	len = ucol_getSortKey(collator, u, n, NULL, 0);
	key = arena_alloc(a, (size_t)len + 1);
	ucol_getSortKey(collator, u, n, key, len + 1);
	out = arena_alloc(a, (size_t)len * 2 + 1);
	/* The key ends in a 0 byte: leave it off. */
	for (i = 0; i < len - 1; i++) {
		out[2 * i] = hex[key[i] >> 4];
		out[2 * i + 1] = hex[key[i] & 15];
	}
	out[2 * (len > 0 ? len - 1 : 0)] = '\0';
	return out;
}

const char *
national_id_masked(struct arena *a, const char *id)
{
	size_t n;

	if (id == NULL || *id == '\0')
		return NULL;
	n = strlen(id);
	return arena_printf(a, "•••• %s", n > 4 ? id + n - 4 : "");
}

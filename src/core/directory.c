/* The service directory's names and rules. */
#include "core/directory.h"

#include <string.h>

#include "base/buf.h"
#include "base/i18n.h"

static const char *const stage_codes[STAGE_COUNT] = {
	"prevention", "early_intervention", "treatment", "recovery_support",
	"reintegration",
};

static const char *const stage_labels[STAGE_COUNT] = {
	N_("Prevention"),
	N_("Early intervention"),
	N_("Treatment"),
	N_("Recovery support"),
	N_("Social reintegration"),
};

const char *
stage_code(enum stage s)
{
	return (unsigned)s < STAGE_COUNT ? stage_codes[s] : "";
}

bool
stage_parse(const char *s, enum stage *out)
{
	int i;

	for (i = 0; s != NULL && i < STAGE_COUNT; i++) {
		if (strcmp(s, stage_codes[i]) == 0) {
			*out = (enum stage)i;
			return true;
		}
	}
	return false;
}

const char *
stage_label(enum stage s)
{
	return (unsigned)s < STAGE_COUNT ? _(stage_labels[s]) : "";
}

const char *
service_search_key(struct arena *a, const struct service *s, const char *org_name)
{
	struct buf b;
	const char *parts[4];
	size_t i;

	buf_init(&b, a);

	parts[0] = s->name;
	parts[1] = s->alternate_name;
	parts[2] = s->description;
	parts[3] = org_name;
	for (i = 0; i < 4; i++) {
		if (parts[i] == NULL || parts[i][0] == '\0')
			continue;
		if (b.len > 0)
			buf_puts(&b, " ");
		buf_puts(&b, parts[i]);
	}
	return person_name_key(a, b.len ? b.data : "");
}

/* ",a,b," from the bits set in `bits`, named by codes[]. */
static const char *
bits_to_text(struct arena *a, unsigned bits, const char *(*code)(int), int count)
{
	struct buf b;
	int i;

	buf_init(&b, a);
	buf_puts(&b, ",");
	for (i = 0; i < count; i++) {
		if (bits & (1u << i)) {
			buf_puts(&b, code(i));
			buf_puts(&b, ",");
		}
	}
	return b.data;
}

/* Reads ",a,b," (or "a,b"); false for an unknown code. */
static bool
bits_parse(const char *text, unsigned *out, bool (*parse)(const char *, int *))
{
	char word[64];
	const char *p = text, *e;
	int v;

	*out = 0;
	if (text == NULL)
		return true;
	while (*p) {
		e = strchr(p, ',');
		if (e == NULL)
			e = p + strlen(p);
		if (e > p) {
			if ((size_t)(e - p) >= sizeof(word))
				return false;
			memcpy(word, p, (size_t)(e - p));
			word[e - p] = '\0';
			if (!parse(word, &v))
				return false;
			*out |= 1u << v;
		}
		p = *e ? e + 1 : e;
	}
	return true;
}

static const char *
dom_code(int i)
{
	return domain_code((enum domain)i);
}

static bool
dom_parse(const char *s, int *v)
{
	enum domain d;

	if (!domain_parse(s, &d))
		return false;
	*v = (int)d;
	return true;
}

static const char *
cat_code(int i)
{
	return category_code((enum category)i);
}

static bool
cat_parse(const char *s, int *v)
{
	enum category c;

	if (!category_parse(s, &c))
		return false;
	*v = (int)c;
	return true;
}

const char *
domains_to_text(struct arena *a, unsigned domains)
{
	return bits_to_text(a, domains, dom_code, DOM_COUNT);
}

bool
domains_parse(const char *text, unsigned *out)
{
	return bits_parse(text, out, dom_parse);
}

const char *
categories_to_text(struct arena *a, unsigned cats)
{
	return bits_to_text(a, cats, cat_code, CAT_COUNT);
}

bool
categories_parse(const char *text, unsigned *out)
{
	return bits_parse(text, out, cat_parse);
}

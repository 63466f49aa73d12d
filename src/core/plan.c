#include "core/plan.h"

#include <string.h>

#include "base/i18n.h"

static const char *const dom_codes[DOM_COUNT] = {
	"substance_use", "physical_health", "mental_health", "housing", "work_education",
	"finances", "family", "social_network", "meaning", "practical_legal",
};
static const char *const dom_labels[DOM_COUNT] = {
	N_("Alcohol and drugs"), N_("Physical health"), N_("Mental and emotional health"),
	N_("Housing"), N_("Work, education and daily activity"), N_("Money"),
	N_("Family and relationships"), N_("Friends and community"),
	N_("Meaning, identity and growth"), N_("Practical and legal matters"),
};
static const char *const st_codes[ST_COUNT] = {
	"not_started", "in_progress", "reached", "let_go",
};
static const char *const st_labels[ST_COUNT] = {
	N_("Not started"), N_("In progress"), N_("Reached"), N_("Let go"),
};
static const char *const owner_codes[] = {"person", "member", "organisation"};

static bool
parse(const char *const *codes, int n, const char *s, int *out)
{
	int i;

	for (i = 0; s != NULL && i < n; i++) {
		if (strcmp(codes[i], s) == 0) {
			*out = i;
			return true;
		}
	}
	return false;
}

const char *
domain_code(enum domain d)
{
	return (unsigned)d < DOM_COUNT ? dom_codes[d] : "";
}

bool
domain_parse(const char *s, enum domain *out)
{
	int v;

	if (!parse(dom_codes, DOM_COUNT, s, &v))
		return false;
	*out = (enum domain)v;
	return true;
}

const char *
domain_label(enum domain d)
{
	return (unsigned)d < DOM_COUNT ? _(dom_labels[d]) : "";
}

const char *
item_status_code(enum item_status s)
{
	return (unsigned)s < ST_COUNT ? st_codes[s] : "";
}

bool
item_status_parse(const char *s, enum item_status *out)
{
	int v;

	if (!parse(st_codes, ST_COUNT, s, &v))
		return false;
	*out = (enum item_status)v;
	return true;
}

const char *
item_status_label(enum item_status s)
{
	return (unsigned)s < ST_COUNT ? _(st_labels[s]) : "";
}

const char *
step_owner_code(enum step_owner o)
{
	return (unsigned)o < 3 ? owner_codes[o] : "";
}

bool
step_owner_parse(const char *s, enum step_owner *out)
{
	int v;

	if (!parse(owner_codes, 3, s, &v))
		return false;
	*out = (enum step_owner)v;
	return true;
}

enum category
domain_category(enum domain d)
{
	return d == DOM_SUBSTANCE_USE ? CAT_SUBSTANCE : CAT_PLAN;
}

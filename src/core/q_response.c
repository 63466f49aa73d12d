/* A person's answers to a questionnaire (see q_response.h). */
#include "core/q_response.h"

#include <string.h>

#include "base/arena.h"
#include "base/i18n.h"

static const char *const source_codes[QR_SOURCE_COUNT] = {"self", "staff"};

const char *
qr_source_code(enum qr_source s)
{
	return source_codes[(unsigned)s < QR_SOURCE_COUNT ? s : 0];
}

bool
qr_source_parse(const char *s, enum qr_source *out)
{
	int i;

	for (i = 0; s != NULL && i < QR_SOURCE_COUNT; i++)
		if (strcmp(s, source_codes[i]) == 0) {
			*out = (enum qr_source)i;
			return true;
		}
	return false;
}

static size_t
add(struct qr_problem *p, size_t max, size_t n, const char *item, const char *code)
{
	if (n < max) {
		p[n].item = item;
		p[n].code = code;
	}
	return n + 1;
}

size_t
qr_check(const struct q_definition *d, const struct q_answer *xs, size_t n,
    struct qr_problem *p, size_t max)
{
	bool seen[Q_ITEMS_MAX] = {false};
	size_t i, k, np = 0;

	if (n == 0)
		return add(p, max, np, NULL, "empty");
	if (n > d->nitems || d->nitems > Q_ITEMS_MAX)
		return add(p, max, np, NULL, "too_many");
	for (i = 0; i < n; i++) {
		const struct q_item *it = q_item_find(d, xs[i].item);

		if (it == NULL) {
			np = add(p, max, np, xs[i].item, "unknown_item");
			continue;
		}
		if (seen[it - d->items]) {
			np = add(p, max, np, xs[i].item, "duplicate_item");
			continue;
		}
		seen[it - d->items] = true;
		for (k = 0; k < it->noptions && it->options[k].value != xs[i].value; k++)
			;
		if (k == it->noptions)
			np = add(p, max, np, xs[i].item, "invalid_value");
	}
	return np;
}

const char *
qr_problem_text(const char *code)
{
	static const struct {
		const char *code, *text;
	} texts[] = {
		{"empty", N_("Choose an answer to at least one question.")},
		{"too_many", N_("There are more answers than the questionnaire has questions.")},
		{"unknown_item", N_("The questionnaire has no such question.")},
		{"duplicate_item", N_("This question was answered twice.")},
		{"invalid_value", N_("Choose one of the answers given.")},
	};
	size_t i;

	for (i = 0; code != NULL && i < sizeof(texts) / sizeof(texts[0]); i++)
		if (strcmp(texts[i].code, code) == 0)
			return _(texts[i].text);
	return code != NULL ? code : "";
}

void
qr_set_result(struct q_response *x, const struct q_result *res)
{
	x->scored = res->scored;
	x->score = res->scored ? res->score : 0;
	x->zone = res->scored && res->zone != NULL ? res->zone->code : NULL;
	x->answered = res->answered;
	x->missing = res->missing;
}

const char *
qr_not_scored_text(struct arena *a, const struct q_definition *d, int answered)
{
	const char *got = arena_printf(a, ngettext("%d of %d question was answered.",
	    "%d of %d questions were answered.", d->nitems), answered, (int)d->nitems);

	if (d->missing == Q_PRORATE)
		return arena_printf(a, "%s %s", got, arena_printf(a, ngettext(
		    "A score needs at least %d answer.", "A score needs at least %d answers.",
		    (unsigned long)d->min_answered), d->min_answered));
	return arena_printf(a, "%s %s", got,
	    _("This questionnaire gives a score only when every question is answered."));
}

const struct q_zone *
qr_zone(const struct q_definition *d, const char *code)
{
	size_t i;

	for (i = 0; code != NULL && i < d->nzones; i++)
		if (strcmp(d->zones[i].code, code) == 0)
			return &d->zones[i];
	return NULL;
}

/* Requests for someone to come along, and their words (see
 * accompaniment.h). */
#include "core/accompaniment.h"

#include <string.h>

#include "base/arena.h"
#include "base/i18n.h"

static const char *const status_codes[ACC_COUNT] = {
	"open", "accepted", "reported", "withdrawn",
};
static const char *const outcome_codes[AO_COUNT] = {
	"went_together", "no_show", "cancelled", "other",
};

/* The languages spoken most in Denmark and the Netherlands, by code; their
 * names come from ICU, in the reader's language. */
const char *const acc_langs[] = {
	"da", "nl", "en", "de", "pl", "tr", "ar", "fa", "so", "uk", "ru", "es", "fr",
	"ro", "ti", "ku", NULL,
};

static bool
parse(const char *const *codes, unsigned n, const char *s, unsigned *out)
{
	unsigned i;

	for (i = 0; s != NULL && i < n; i++)
		if (strcmp(s, codes[i]) == 0) {
			*out = i;
			return true;
		}
	return false;
}

const char *
acc_status_code(enum acc_status s)
{
	return status_codes[(unsigned)s < ACC_COUNT ? s : 0];
}

bool
acc_status_parse(const char *s, enum acc_status *out)
{
	unsigned i;

	if (!parse(status_codes, ACC_COUNT, s, &i))
		return false;
	*out = (enum acc_status)i;
	return true;
}

const char *
acc_outcome_code(enum acc_outcome o)
{
	return outcome_codes[(unsigned)o < AO_COUNT ? o : AO_OTHER];
}

bool
acc_outcome_parse(const char *s, enum acc_outcome *out)
{
	unsigned i;

	if (!parse(outcome_codes, AO_COUNT, s, &i))
		return false;
	*out = (enum acc_outcome)i;
	return true;
}

const char *
acc_outcome_label(enum acc_outcome o)
{
	static const char *const labels[AO_COUNT] = {
		N_("We went together"), N_("The person did not come"),
		N_("The appointment was cancelled"), N_("Something else"),
	};

	return _(labels[(unsigned)o < AO_COUNT ? o : AO_OTHER]);
}

bool
acc_live(enum acc_status s)
{
	return s == ACC_OPEN || s == ACC_ACCEPTED;
}

const char *
acc_first_name(struct arena *a, const char *name)
{
	size_t n;

	if (name == NULL)
		return NULL;
	name += strspn(name, " ");
	n = strcspn(name, " ");
	return n > 0 ? arena_strndup(a, name, n) : NULL;
}

bool
acc_lang_valid(const char *code)
{
	size_t i;

	for (i = 0; code != NULL && acc_langs[i] != NULL; i++)
		if (strcmp(code, acc_langs[i]) == 0)
			return true;
	return false;
}

static void
problem(struct appt_problem *p, size_t max, size_t *n, const char *field, const char *code)
{
	if (code != NULL && *n < max) {
		p[*n].field = field;
		p[*n].code = code;
		(*n)++;
	}
}

size_t
acc_check_input(const struct acc_input *in, const char *def_lang, struct accompaniment *x,
    struct appt_problem *p, size_t max)
{
	const char *code;
	size_t n = 0;

	x->area = appt_check_text(in->area, ACC_AREA_MAX, true, &code);
	problem(p, max, &n, "area", code);
	x->meet_at = appt_check_text(in->meet_at, ACC_MEET_MAX, false, &code);
	problem(p, max, &n, "meet_at", code);
	if (in->lang == NULL || *in->lang == '\0')
		x->lang = acc_lang_valid(def_lang) ? def_lang : "da";
	else if (acc_lang_valid(in->lang))
		x->lang = in->lang;
	else
		problem(p, max, &n, "lang", "invalid_choice");
	x->share_place = in->share_place != NULL && strcmp(in->share_place, "1") == 0;
	x->share_phone = in->share_phone != NULL && strcmp(in->share_phone, "1") == 0;
	return n;
}

const char *
acc_check_report(const char *outcome, const char *note, bool started,
    enum acc_outcome *out, const char **code)
{
	const char *t;

	if (outcome == NULL || *outcome == '\0') {
		*code = "required";
		return "outcome";
	}
	if (!acc_outcome_parse(outcome, out)) {
		*code = "invalid_choice";
		return "outcome";
	}
	if (!started && (*out == AO_WENT_TOGETHER || *out == AO_NO_SHOW)) {
		*code = "illegal_transition";
		return "outcome";
	}
	t = appt_check_text(note, ACC_NOTE_MAX, *out == AO_OTHER, code);
	(void)t;
	return *code != NULL ? "note" : NULL;
}

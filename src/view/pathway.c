/* Offering a person a pathway (see pathway.h). */
#include "view/pathway.h"

#include <string.h>

#include "base/arena.h"
#include "base/clock.h"
#include "base/err.h"
#include "store/pathway_run.h"
#include "store/pathways.h"

int
view_pathway_templates(struct store *s, struct arena *a, const char *org_id,
    struct pathway_template_row **out, size_t *n)
{
	struct pathway_template_row *all;
	size_t na, i;
	int rc;

	*out = NULL;
	*n = 0;
	if ((rc = store_pathway_templates(s, a, true, &all, &na)) != 0)
		return rc;
	*out = arena_alloc(a, (na + 1) * sizeof(**out));
	for (i = 0; i < na; i++)
		if (all[i].org_id == NULL || (org_id != NULL && strcmp(all[i].org_id, org_id) == 0))
			(*out)[(*n)++] = all[i];
	return 0;
}

int
view_pathway_offer_check(struct store *s, struct arena *a, const struct grant *g,
    const char *org_id, const char *today, struct pw_offer *o)
{
	struct pathway_template_row *ts;
	struct pathway *ps;
	const char *fc = o->first_contact;
	size_t nt, np, i;
	int32_t age;
	int rc;

	o->template_err = o->first_contact_err = NULL;
	o->tr = NULL;
	if ((rc = view_pathway_templates(s, a, org_id, &ts, &nt)) != 0)
		return rc;
	for (i = 0; o->template_id != NULL && i < nt; i++)
		if (strcmp(ts[i].id, o->template_id) == 0)
			o->tr = &ts[i];
	if (o->tr == NULL)
		o->template_err = o->template_id == NULL || *o->template_id == '\0' ?
		    "required" : "invalid_choice";
	if (fc == NULL || *fc == '\0')
		o->first_contact_err = "required";
	else if (!clock_valid_date(fc))
		o->first_contact_err = "invalid_date";
	else if ((age = clock_date_diff(fc, today)) < 0)
		o->first_contact_err = "future_date";
	else if (age > PW_CONTACT_PAST_MAX)
		o->first_contact_err = "too_old";
	if (o->tr == NULL)
		return 0;
	/* One of each programme at a time: a second offer of the same code
	 * (any version) while one is offered or under way is refused. */
	if ((rc = store_pathways(s, a, g, &ps, &np)) != 0)
		return rc;
	for (i = 0; i < np; i++)
		if ((ps[i].status == PWR_OFFERED || ps[i].status == PWR_RUNNING) &&
		    strcmp(ps[i].template_code, o->tr->code) == 0)
			o->template_err = "already_running";
	if (o->template_err == NULL && o->first_contact_err == NULL &&
	    (o->t = view_pathway_template(s, a, o->tr->id)) == NULL)
		return ERR_DB;
	return 0;
}

const struct pw_template *
view_pathway_template(struct store *s, struct arena *a, const char *id)
{
	const struct pw_template *t = pw_cached(id);
	struct pathway_template_row row;

	if (t != NULL)
		return t;
	if (store_pathway_template_get(s, a, id, &row) != 0)
		return NULL;
	return pw_cache(id, row.body, strlen(row.body));
}

struct pathway_phase *
view_pathway_offered(struct arena *a, const struct pw_offer *o, struct pathway *p)
{
	char due[11];

	p->template_id = o->tr->id;
	p->status = PWR_OFFERED;
	p->first_contact = o->first_contact;
	p->start_due = NULL;
	if (o->t->start_within_days > 0) {
		pw_date_add(o->first_contact, o->t->start_within_days, due);
		p->start_due = arena_strdup(a, due);
	}
	p->started = p->phase_due = NULL;
	p->phase = -1;
	return pw_new_phases(a, o->t);
}

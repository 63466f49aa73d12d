/* Recovery check-ups made ready to store (see checkup.h). */
#include "view/checkup.h"

#include <string.h>

#include "base/arena.h"
#include "base/err.h"
#include "base/id.h"
#include "base/timefmt.h"
#include "store/appointments.h"

static const char *
new_id(struct arena *a)
{
	char *id = arena_alloc(a, ID_LEN + 1);

	id_new(id);
	return id;
}

enum appt_kind
view_checkup_kind(const char *member_role)
{
	return member_role != NULL && strcmp(member_role, "peer_worker") == 0 ? AK_PEER :
	    AK_TREATMENT;
}

/* The instant of hm local on ymd in tz; a time the clocks skip that day
 * is an hour later. */
static int
local(const char *ymd, const char *hm, const char *tz, int64_t *us)
{
	char later[6];
	int rc = timefmt_local_to_us(ymd, hm, tz, 0, us);

	if (rc == TIMEFMT_SKIPPED && checkup_time_later(hm, 60, later))
		rc = timefmt_local_to_us(ymd, later, tz, 0, us);
	return rc;
}

int
view_checkup_build(struct arena *a, const struct checkup_build_in *in, struct checkup_build *out)
{
	const struct checkup_plan_fields *f = in->f;
	char (*due)[11] = arena_alloc(a, CHECKUP_MAX * sizeof(*due));
	struct checkup_plan *p = &out->plan;
	size_t n, i;
	int rc;

	memset(out, 0, sizeof(*out));
	n = checkup_schedule(f->starts_on, f->every, f->for_months, due, CHECKUP_MAX);
	if (n == 0 || in->time_zone == NULL)
		return TIMEFMT_BAD;
	p->person_id = in->person_id;
	p->id = new_id(a);
	p->starts_on = arena_strdup(a, f->starts_on);
	p->every_months = f->every;
	p->for_months = f->for_months;
	p->minutes = CHECKUP_MINUTES;
	p->questionnaires = f->questionnaires;
	p->with_member_id = in->with ? in->with->member_id : NULL;
	p->at_time = arena_strdup(a, f->at_time);
	p->time_zone = in->time_zone;
	p->pathway_id = in->pathway_id;
	p->created_by = in->by_user;
	p->created_us = in->now;
	out->cs = arena_alloc(a, n * sizeof(*out->cs));
	out->appts = arena_alloc(a, n * sizeof(*out->appts));
	for (i = 0; i < n; i++) {
		struct checkup *c;
		struct appointment *x;
		int64_t us;

		/* A plan that starts back in time has no check-ups behind today. */
		if (in->today != NULL && strcmp(due[i], in->today) < 0)
			continue;
		if ((rc = local(due[i], f->at_time, in->time_zone, &us)) != 0)
			return rc;
		c = &out->cs[out->n++];
		memset(c, 0, sizeof(*c));
		c->person_id = in->person_id;
		c->id = new_id(a);
		c->plan_id = p->id;
		c->seq = (int)i + 1;
		c->due_on = arena_strdup(a, due[i]);
		c->due_us = us;
		c->status = CK_DUE;
		c->status_us = in->now;
		if (in->with == NULL)
			continue;
		x = &out->appts[out->nappts++];
		memset(x, 0, sizeof(*x));
		x->person_id = in->person_id;
		x->id = new_id(a);
		x->title = in->title;
		x->title_lang = in->title_lang;
		x->kind = view_checkup_kind(in->with->role);
		x->starts_us = us;
		x->minutes = CHECKUP_MINUTES;
		x->time_zone = in->time_zone;
		x->with_member_id = in->with->member_id;
		x->with_org_id = in->with->org_id;
		x->status = AS_PLANNED;
		x->created_by = in->by_user;
		x->created_by_org = in->by_org;
		x->created_us = in->now;
		c->appointment_id = x->id;
	}
	return 0;
}

int
view_checkup_cancels(struct store *s, struct arena *a, const struct grant *g,
    struct appointment **out, size_t *n)
{
	struct checkup_plan p;
	struct checkup *cs;
	size_t ncs, i;
	int rc;

	*out = NULL;
	*n = 0;
	rc = store_checkup_plan_current(s, a, g, &p);
	if (rc == ERR_NOT_FOUND)
		return 0;
	if (rc != 0 || (rc = store_checkups(s, a, g, p.id, &cs, &ncs)) != 0)
		return rc;
	*out = arena_alloc(a, (ncs ? ncs : 1) * sizeof(**out));
	for (i = 0; i < ncs; i++) {
		struct appointment x;

		if ((cs[i].status != CK_DUE && cs[i].status != CK_MISSED) ||
		    cs[i].appointment_id == NULL)
			continue;
		rc = store_appointment_get(s, a, g, cs[i].appointment_id, &x);
		if (rc == ERR_NOT_FOUND)
			continue;
		if (rc != 0)
			return rc;
		if (appt_open(x.status))
			(*out)[(*n)++] = x;
	}
	return 0;
}

/* The demo's pathways (rosc demo): Mette follows the Danish outpatient
 * alcohol pathway, offered by Peter at Nordlys twelve days ago; treatment
 * started within the 14 days and she is in the assessment now, made a
 * week longer with a reason, its proposals waiting for her. Jan has been
 * offered the Dutch care standard by Daan and has not chosen yet. Loaded
 * once, under meta "demo_pathways", after the appointments. */
#include "cmd/demo.h"

#include <string.h>

#include "access/door.h"
#include "base/arena.h"
#include "base/err.h"
#include "base/id.h"
#include "core/account.h"
#include "core/pathway.h"
#include "core/pathway_run.h"
#include "store/accounts.h"
#include "store/pathway_run.h"
#include "store/pathways.h"
#include "store/store.h"

struct load {
	struct arena a;
	const struct demo_org_ids *orgs;
	const char *person[DEMO_PERSONS], *zone[DEMO_PERSONS];
	const char *peter, *mette, *daan;
	struct pathway_template_row dk, nl;
	int64_t now;
};

static const char *
day(struct load *w, const char *zone, int days)
{
	char today[11], d[11];

	pw_today(w->now, zone, today);
	pw_date_add(today, days, d);
	return arena_strdup(&w->a, d);
}

static const char *
new_id(struct load *w)
{
	char *id = arena_alloc(&w->a, ID_LEN + 1);

	id_new(id);
	return id;
}

/* A pathway offered on day `offered` (days from today) of template row. */
static int
offer(struct store_tx *tx, struct load *w, const struct grant *g, struct pathway *p,
    struct pathway_phase **ph, struct pw_template *t, int who, const char *org,
    const char *by, const struct pathway_template_row *row, int offered)
{
	struct pw_problem pr[2];
	char due[11];

	if (pw_parse(&w->a, row->body, strlen(row->body), t, pr, 2) != 0)
		return ERR_INVALID;
	memset(p, 0, sizeof(*p));
	p->person_id = w->person[who];
	p->id = new_id(w);
	p->template_id = row->id;
	p->org_id = demo_org_by_name(w->orgs, org);
	p->status = PWR_OFFERED;
	p->time_zone = w->zone[who];
	p->first_contact = day(w, p->time_zone, offered);
	if (t->start_within_days > 0) {
		pw_date_add(p->first_contact, t->start_within_days, due);
		p->start_due = arena_strdup(&w->a, due);
	}
	p->offered_us = w->now + (int64_t)offered * 86400 * 1000000;
	p->offered_by = by;
	p->phase = -1;
	p->version = 1;
	*ph = pw_new_phases(&w->a, t);
	return store_tx_pathway_insert(tx, g, p, *ph, t->nphases);
}

static int
load_pathways(struct store_tx *tx, void *arg)
{
	struct load *w = arg;
	const struct grant *gm = door_command_line(&w->a, w->person[DEMO_METTE]);
	const struct grant *gj = door_command_line(&w->a, w->person[DEMO_JAN]);
	struct pathway p;
	struct pathway_phase *ph;
	struct pathway_item *xs;
	struct pathway_deviation d = {0};
	struct pw_template t;
	const char *z = w->zone[DEMO_METTE];
	size_t n;
	int i, rc;

	/* Mette: agreed on the day, two phases done, the assessment now. */
	if ((rc = offer(tx, w, gm, &p, &ph, &t, DEMO_METTE, "Behandlingscenter Nordlys",
	    w->peter, &w->dk, -12)) != 0)
		return rc;
	p.status = PWR_RUNNING;
	p.agreed_us = p.offered_us;
	p.agreed_by = w->mette;
	p.started = day(w, z, -10);
	ph[0].status = PWP_DONE;
	ph[0].started = p.first_contact;
	ph[0].ended = p.started;
	ph[1].status = PWP_DONE;
	ph[1].started = p.started;
	ph[1].ended = day(w, z, -4);
	ph[2].status = PWP_CURRENT;
	ph[2].started = ph[1].ended;
	ph[2].expected_days += 7;
	p.phase = ph[2].seq;
	p.phase_due = day(w, z, -4 + ph[2].expected_days);
	for (i = 0; i < 3 && rc == 0; i++)
		rc = store_tx_pathway_phase_update(tx, gm, p.person_id, p.id, &ph[i]);
	if (rc == 0)
		rc = store_tx_pathway_update(tx, gm, &p);
	n = pw_new_items(&w->a, &t.phases[2], ph[2].seq, &xs);
	if (rc == 0)
		rc = store_tx_pathway_items_insert(tx, gm, p.person_id, p.id, xs, n);
	d.id = new_id(w);
	d.phase = ph[2].seq;
	d.kind = PWD_LENGTHEN;
	d.reason = PWD_NEEDS_TIME;
	d.note = "Vi venter på svar på blodprøverne fra lægen.";
	d.detail = "Udredning: 14 til 21 dage";
	d.at_us = w->now - 86400 * INT64_C(1000000);
	d.by_user = w->peter;
	d.by_org = p.org_id;
	if (rc == 0)
		rc = store_tx_pathway_deviation_insert(tx, gm, p.person_id, p.id, &d);
	/* Jan: offered two days ago; his choice still to make. */
	if (rc == 0)
		rc = offer(tx, w, gj, &p, &ph, &t, DEMO_JAN, "Herstelhuis De Brug", w->daan,
		    &w->nl, -2);
	if (rc == 0)
		rc = store_tx_meta_set(tx, "demo_pathways", "1");
	return rc;
}

static const char *
user(struct store *s, struct arena *a, const char *name)
{
	char key[USERNAME_MAX + 1];
	struct user u;

	username_key(name, key);
	return store_user_by_username(s, a, key, &u) == 0 ? u.id : NULL;
}

int
demo_pathways(struct store *s, const struct demo_org_ids *orgs,
    const char *const person_ids[DEMO_PERSONS], const char *const zones[DEMO_PERSONS],
    int64_t now)
{
	static struct load w;
	const char *have;
	size_t i;
	int rc;

	memset(&w, 0, sizeof(w));
	rc = store_meta_get(s, &w.a, "demo_pathways", &have);
	store_request_end(s);
	if (rc != ERR_NOT_FOUND)
		goto out;
	w.orgs = orgs;
	w.now = now;
	for (i = 0; i < DEMO_PERSONS; i++) {
		w.person[i] = person_ids[i];
		w.zone[i] = zones[i];
	}
	w.peter = user(s, &w.a, "peter");
	w.mette = user(s, &w.a, "mette");
	w.daan = user(s, &w.a, "daan");
	if ((rc = store_pathway_template_latest(s, &w.a, NULL, "dk-alcohol-outpatient",
	    &w.dk)) == 0)
		rc = store_pathway_template_latest(s, &w.a, NULL, "nl-alcohol-care-standard",
		    &w.nl);
	store_request_end(s);
	if (rc == 0)
		rc = store_write(s, load_pathways, &w);
out:
	arena_free(&w.a);
	return rc;
}

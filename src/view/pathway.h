/* Offering a person a pathway, the same for the page and the JSON API:
 * which templates the actor's organisation may offer, the checks of an
 * offer (each field's problem as a stable code), and the pathway it
 * makes. */
#ifndef ROSC_VIEW_PATHWAY_H
#define ROSC_VIEW_PATHWAY_H

#include <stddef.h>
#include <stdint.h>

#include "core/pathway.h"
#include "core/pathway_run.h"

struct arena;
struct grant;
struct pathway_template_row;
struct store;

/* The newest version of each template an actor of org_id (NULL: none)
 * may offer: those shipped with rosc and the organisation's own. 0, or a
 * store error. */
int view_pathway_templates(struct store *s, struct arena *a, const char *org_id,
    struct pathway_template_row **out, size_t *n);

/* The template version id, parsed once for the life of the process
 * (pw_cache: a version never changes); NULL if there is none, or the
 * store failed, or it does not read. */
const struct pw_template *view_pathway_template(struct store *s, struct arena *a,
    const char *id);

struct pw_offer {
	const char *template_id, *first_contact;         /* as asked (NULL: not given) */
	/* What is wrong with each, or NULL: "required", "invalid_choice" and
	 * "already_running" (an offered or running pathway of the same
	 * template code); "required", "invalid_date", "future_date" and
	 * "too_old" (more than PW_CONTACT_PAST_MAX days ago). */
	const char *template_err, *first_contact_err;
	/* With neither: the template version offered, read. */
	const struct pathway_template_row *tr;
	const struct pw_template *t;
};

/* Checks o's offer to the person of g (a grant to read the plan) by an
 * actor of org_id, on today ("YYYY-MM-DD" in the person's calendar). 0
 * (the problems, if any, in o), or a store error (ERR_DB also for a
 * stored template that does not read). */
int view_pathway_offer_check(struct store *s, struct arena *a, const struct grant *g,
    const char *org_id, const char *today, struct pw_offer *o);

/* The pathway an offer that passed makes, into p: offered, its start due
 * by the template's guarantee. The caller sets p's person_id, id,
 * org_id, time_zone, offered_us and offered_by first. Returns its
 * phases, all waiting (o->t->nphases of them). */
struct pathway_phase *view_pathway_offered(struct arena *a, const struct pw_offer *o,
    struct pathway *p);

#endif

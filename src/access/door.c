/* The policy door for a person's data (see door.h). The facts of the
 * actor's relationship with a person are loaded once per request and
 * person (or once for a whole list), the decision is policy_person()'s,
 * and every grant handed out has been noted for the access log. */
#include "access/door.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "access/grant_def.h"
#include "base/arena.h"
#include "base/clock.h"
#include "base/err.h"
#include "base/id.h"
#include "core/actor.h"
#include "http/request.h"
#include "http/response.h"
#include "policy/person.h"
#include "policy/policy.h"
#include "store/emergency.h"
#include "store/messages.h"
#include "store/peers.h"
#include "store/peer_groups.h"
#include "store/persons.h"
#include "store/relations.h"
#include "store/warnings.h"
#include "http/errors.h"

/* What the door remembers during one request. */
struct door_cache {
	const char *rel_person_id;     /* the relation last loaded */
	struct relation *rel;
	struct relation_row *rels;     /* the actor's relations, for a list */
	size_t nrels;
	struct list_grant *lists;
};

static door_page_fn refusal_page;

void
door_set_refusal_page(door_page_fn fn)
{
	refusal_page = fn;
}

const char *
today_utc(struct req *r)
{
	time_t t = (time_t)(clock_now_us() / 1000000);
	struct tm tm;

	gmtime_r(&t, &tm);
	return arena_printf(&r->arena, "%04d-%02d-%02d", tm.tm_year + 1900, tm.tm_mon + 1,
	    tm.tm_mday);
}

static struct door_cache *
cache(struct req *r)
{
	if (r->door == NULL)
		r->door = arena_alloc(&r->arena, sizeof(*r->door));
	return r->door;
}

static int
cmp_row(const void *k, const void *e)
{
	return strcmp((const char *)k, ((const struct relation_row *)e)->person_id);
}

int
door_prefetch(struct req *r)
{
	struct door_cache *c = cache(r);

	if (r->actor == NULL || c->rels != NULL)
		return 0;
	return store_relations_of_member(req_store(r), &r->arena, r->actor->user.id,
	    r->actor->org_id, today_utc(r), clock_now_us(), &c->rels, &c->nrels);
}

/* The relation between the actor and person_id; NULL if the store fails. */
static const struct relation *
relation(struct req *r, const char *person_id)
{
	struct door_cache *c = cache(r);
	const struct relation_row *x;

	if (c->rel != NULL && c->rel_person_id != NULL &&
	    strcmp(c->rel_person_id, person_id) == 0)
		return c->rel;
	if (c->rels != NULL &&
	    (x = bsearch(person_id, c->rels, c->nrels, sizeof(*c->rels), cmp_row)) != NULL)
		return &x->rel;
	c->rel = arena_alloc(&r->arena, sizeof(*c->rel));
	if (r->actor == NULL || !id_valid(person_id, strlen(person_id))) {
		c->rel_person_id = arena_strdup(&r->arena, person_id);
		return c->rel;                  /* exists = false */
	}
	if (store_relation(req_store(r), r->actor->user.id, r->actor->org_id, person_id,
	    today_utc(r), clock_now_us(), c->rel) != 0) {
		c->rel = NULL;
		c->rel_person_id = NULL;
		return NULL;
	}
	c->rel_person_id = arena_strdup(&r->arena, person_id);
	return c->rel;
}

static struct grant *
make(struct req *r, const char *person_id, const struct relation *rel,
    enum person_action act, struct decision d)
{
	struct grant *g = arena_alloc(&r->arena, sizeof(*g));

	g->person_id = arena_strdup(&r->arena, person_id);
	g->actor_id = r->actor->user.id;
	g->org_id = r->actor->org_id;
	g->act = act;
	g->why = d.why;
	g->rel = rel;
	return g;
}

/* Decides need (noted at once) and each of also; those allowed are
 * covered, and noted at once unless lazy (door_shown() notes them). */
static const struct grant *
open_as(struct req *r, const char *person_id, enum person_action act, enum category need,
    unsigned also, struct decision *d, bool list, bool lazy)
{
	const struct relation *rel = relation(r, person_id);
	struct grant *g;
	unsigned c;

	if (rel == NULL) {
		*d = (struct decision){false, WHY_NONE, 503};
		return NULL;
	}
	*d = policy_person(r->actor, rel, act, need);
	if (!d->allow)
		return NULL;
	g = make(r, person_id, rel, act, *d);
	g->action = list ? "list" : act == PA_READ ? "read" : "write";
	g->cats = CAT_BIT(need);
	for (c = 0; c < CAT_COUNT; c++)
		if ((also & CAT_BIT(c)) && policy_person(r->actor, rel, act, (enum category)c).allow)
			g->cats |= CAT_BIT(c);
	door_shown(r, g, need);
	if (!lazy)
		for (c = 0; c < CAT_COUNT; c++)
			door_shown(r, g, (enum category)c);
	return g;
}

const struct grant *
door_open(struct req *r, const char *person_id, enum person_action act, enum category need,
    unsigned also, struct decision *d)
{
	return open_as(r, person_id, act, need, also, d, false, false);
}

const struct grant *
door_help_now(struct req *r, const char *person_id, bool ack, struct decision *d)
{
	if (!policy_may_see_help_now(r->actor)) {
		*d = (struct decision){false, WHY_NONE, 404};
		return NULL;
	}
	return open_as(r, person_id, ack ? PA_WRITE_NOTE : PA_READ, CAT_BASIC, 0, d, false,
	    false);
}

const struct grant *
door_coaching(struct req *r, const char *person_id, bool write, const char **member_id,
    struct decision *d)
{
	const struct relation *rel;
	struct grant *g;
	int rc;

	*member_id = NULL;
	if (!write)
		return open_as(r, person_id, PA_READ, CAT_NOTES, 0, d, false, false);
	if ((rel = relation(r, person_id)) == NULL) {
		*d = (struct decision){false, WHY_NONE, 503};
		return NULL;
	}
	/* Asked as a note is (the same refusal for the same people), then
	 * narrowed to the peer worker whose place in the network is theirs. */
	*d = policy_person(r->actor, rel, PA_READ, CAT_BASIC);
	if (!policy_may_write_coaching(r->actor, rel)) {
		*d = (struct decision){false, WHY_NONE, d->allow || rel->member != NET_NEVER ?
		    403 : 404};
		return NULL;
	}
	rc = store_peer_member(req_store(r), &r->arena, person_id, r->actor->user.id,
	    r->actor->org_id, today_utc(r), member_id);
	if (rc != 0) {
		*d = (struct decision){false, WHY_NONE, rc == ERR_NOT_FOUND ? 403 : 503};
		return NULL;
	}
	*d = (struct decision){true, WHY_CONSENT, 0};
	g = make(r, person_id, rel, PA_WRITE_NOTE, *d);
	g->action = "write";
	g->cats = CAT_BIT(CAT_NOTES);
	door_shown(r, g, CAT_NOTES);
	return g;
}

bool
door_may_write_coaching(struct req *r, const char *person_id)
{
	const struct relation *rel = relation(r, person_id);
	const char *member_id;

	return rel != NULL && policy_may_write_coaching(r->actor, rel) &&
	    store_peer_member(req_store(r), &r->arena, person_id, r->actor->user.id,
	    r->actor->org_id, today_utc(r), &member_id) == 0;
}

const struct grant *
door_open_lazy(struct req *r, const char *person_id, enum person_action act,
    enum category need, unsigned also, struct decision *d)
{
	return open_as(r, person_id, act, need, also, d, false, true);
}

const struct grant *
door_list(struct req *r, const char *person_id, enum category need, unsigned also,
    struct decision *d)
{
	return open_as(r, person_id, PA_READ, need, also, d, true, true);
}

void
door_shown(struct req *r, const struct grant *g, enum category c)
{
	struct grant *w = (struct grant *)g;   /* its own record of what is noted */

	if (!grant_covers(g, c) || (g->noted & CAT_BIT(c)))
		return;
	w->noted |= CAT_BIT(c);
	/* A name in a list is a "list" entry of its own kind ("Saw you in
	 * their list"); any more a list shows is named by its category. */
	req_log_access(r, g->person_id, strcmp(g->action, "list") == 0 && c == CAT_BASIC ?
	    "list" : category_code(c), g->action, why_code(g->why));
}

int
door_listable(struct req *r, const char *person_id)
{
	const struct relation *rel = relation(r, person_id);

	if (rel == NULL)
		return -1;
	return policy_person(r->actor, rel, PA_READ, CAT_BASIC).allow ? 1 : 0;
}

const struct grant *
door_self(struct req *r, struct person *out, int *rc)
{
	struct door_cache *c = cache(r);
	struct relation *rel;
	struct grant *g;

	if (r->actor == NULL) {
		*rc = ERR_NOT_FOUND;
		return NULL;
	}
	*rc = store_person_by_user(req_store(r), &r->arena, r->actor->user.id, out);
	if (*rc != 0)
		return NULL;
	rel = arena_alloc(&r->arena, sizeof(*rel));
	rel->exists = true;
	rel->is_self = true;
	c->rel = rel;
	c->rel_person_id = out->id;
	g = make(r, out->id, rel, PA_READ, (struct decision){true, WHY_OWN, 0});
	g->action = "read";
	g->cats = CAT_ALL;
	g->msg_user = r->actor->user.id;     /* their own messages, all of them */
	return g;
}

const struct list_grant *
door_my_lists(struct req *r)
{
	struct door_cache *c = cache(r);

	if (r->actor == NULL)
		return NULL;
	if (c->lists == NULL) {
		c->lists = arena_alloc(&r->arena, sizeof(*c->lists));
		c->lists->user_id = r->actor->user.id;
		c->lists->org_id = r->actor->org_id;
	}
	return c->lists;
}

bool
door_may(struct req *r, const struct grant *g, enum person_action act, enum category c)
{
	return policy_person(r->actor, g->rel, act, c).allow;
}

const struct grant *
door_referrals(struct req *r, const char *person_id, bool write, unsigned also,
    struct decision *d)
{
	const struct relation *rel = relation(r, person_id);
	enum person_action act = write ? PA_EDIT_PLAN : PA_READ;
	struct grant *g;
	unsigned c;

	if (rel == NULL) {
		*d = (struct decision){false, WHY_NONE, 503};
		return NULL;
	}
	/* Referrals belong to the plan, for the person and their network. The
	 * receiving organisation's staff, even with the plan shared with
	 * them, see only the referrals sent to them. */
	*d = policy_person(r->actor, rel, act, CAT_PLAN);
	if (d->allow && (rel->is_self || rel->member == NET_CURRENT || rel->emergency ||
	    !policy_receives_referral(r->actor, rel)))
		return open_as(r, person_id, act, CAT_PLAN, also, d, false, true);
	if (!policy_person(r->actor, rel, PA_ANSWER_REFERRAL, CAT_BASIC).allow)
		return NULL;
	/* The receiving organisation: its own referrals, and what the person
	 * shared with it. */
	*d = (struct decision){true, WHY_CONSENT, 0};
	g = make(r, person_id, rel, write ? PA_ANSWER_REFERRAL : PA_READ, *d);
	g->action = write ? "write" : "read";
	g->ref_org = r->actor->org_id;
	for (c = 0; c < CAT_COUNT; c++)
		if ((also & CAT_BIT(c)) && policy_person(r->actor, rel, PA_READ, (enum category)c).allow)
			g->cats |= CAT_BIT(c);
	req_log_access(r, person_id, "referral", g->action, why_code(WHY_CONSENT));
	return g;
}

enum ref_party
door_referral_party(struct req *r, const struct grant *g, const char *to_org_id)
{
	const char *org = r->actor != NULL ? r->actor->org_id : NULL;

	if (g == NULL || g->rel == NULL)
		return RP_COUNT;
	if (g->rel->is_self)
		return RP_PERSON;
	/* Its own staff answer a referral to an organisation, even when they
	 * are in the network too. */
	if (to_org_id != NULL && org != NULL && strcmp(to_org_id, org) == 0 &&
	    policy_receives_referral(r->actor, g->rel))
		return RP_RECEIVER;
	if (g->ref_org != NULL || !policy_person(r->actor, g->rel, PA_EDIT_PLAN, CAT_PLAN).allow)
		return RP_COUNT;
	return to_org_id == NULL ? RP_SENDER_FOR_SERVICE : RP_SENDER;
}

bool
door_staff_scope(struct req *r, struct staff_scope *out)
{
	struct person p;
	bool self, own;
	int rc;

	out->user_id = NULL;
	out->org_id = NULL;
	out->network = NULL;
	if (!policy_staff_scope(r->actor, &self, &out->org_id, &own))
		return false;
	if (self)
		out->user_id = r->actor->user.id;
	/* The person's own network: their own record's grant (not logged). A
	 * person account without a record sees none. */
	if (own && (out->network = door_self(r, &p, &rc)) == NULL)
		return false;
	return true;
}

bool
door_is_self(struct req *r, const char *person_id)
{
	const struct relation *rel = relation(r, person_id);

	return rel != NULL && rel->exists && rel->is_self;
}

void
door_refuse(struct req *r, const struct decision *d, enum category cat)
{
	if (d->status == 503) {
		error_respond(r, 503, PROBLEM_UNAVAILABLE);
		return;
	}
	if (d->status != 403) {
		error_respond(r, 404, PROBLEM_NOT_FOUND);
		return;
	}
	if (req_wants_json(r) || refusal_page == NULL) {
		resp_problem(r, 403, PROBLEM_FORBIDDEN, NULL, NULL);
		return;
	}
	refusal_page(r, cat, door_may_break_glass(r));
}

bool
door_may_break_glass(struct req *r)
{
	return policy_may_break_glass(r->actor);
}

bool
door_glass_factor_ok(struct req *r)
{
	return policy_glass_factor_ok(r->actor);
}

const struct list_grant *
door_review_list(struct req *r)
{
	return policy_may_review_emergencies(r->actor) ? door_my_lists(r) : NULL;
}

void
door_review_shown(struct req *r, const char *person_id)
{
	/* Oversight by the person's home organisation: its duty. */
	req_log_access(r, person_id, "review", "read", why_code(WHY_DUTY));
}

enum find_result
door_find_national_id(struct req *r, const char *nid, const char **id)
{
	struct decision d;
	struct person p;
	int rc;

	*id = NULL;
	rc = store_person_by_national_id(req_store(r), &r->arena, nid, &p);
	if (rc == ERR_NOT_FOUND)
		return FIND_NONE;
	if (rc != 0)
		return FIND_ERROR;
	if (door_prefetch(r) != 0)
		return FIND_ERROR;
	if (door_list(r, p.id, CAT_BASIC, 0, &d) != NULL) {
		*id = p.id;
		return FIND_IN_CARE;
	}
	if (d.status == 503)
		return FIND_ERROR;
	if (!door_may_break_glass(r))
		return FIND_NONE;
	/* Found outside the actor's care: the person will see the search. */
	req_log_access(r, p.id, "search", "read", "emergency");
	*id = p.id;
	return FIND_EMERGENCY;
}

int
door_emergency_form(struct req *r, const char *person_id)
{
	const struct relation *rel = relation(r, person_id);

	if (rel == NULL)
		return ERR_UNAVAILABLE;
	if (!rel->exists || rel->is_self || !door_may_break_glass(r))
		return ERR_NOT_FOUND;
	return 0;
}

int64_t
door_emergency_until(struct req *r, const char *person_id)
{
	const struct relation *rel = relation(r, person_id);
	struct emergency *es;
	struct grant g = {0};
	size_t n = 0, i;
	int64_t until = 0;

	if (rel == NULL || !rel->emergency || r->actor == NULL || r->actor->org_id == NULL)
		return 0;
	/* The actor's own accesses only: read here, inside the door. */
	g.person_id = person_id;
	g.cats = CAT_BIT(CAT_BASIC);
	if (store_emergencies(req_store(r), &r->arena, &g, clock_now_us(), &es, &n) != 0)
		return 0;
	for (i = 0; i < n; i++)
		if (strcmp(es[i].user_id, r->actor->user.id) == 0 &&
		    strcmp(es[i].org_id, r->actor->org_id) == 0 && es[i].expires_us > until)
			until = es[i].expires_us;
	return until;
}

const struct list_grant *
door_jobs(struct req *r)
{
	return policy_may_accompany(r->actor) ? door_my_lists(r) : NULL;
}

const struct grant *
door_job(struct req *r, const char *person_id, enum job_use use)
{
	static const char *const actions[] = {"list", "read", "write"};
	struct grant *g;

	if (!policy_may_accompany(r->actor) || !id_valid(person_id, strlen(person_id)))
		return NULL;
	/* The person asked for company, for this: what the job needs, by
	 * their consent. No relation: a volunteer need not be in the network. */
	g = make(r, person_id, NULL, use == JOB_WRITE ? PA_EDIT_PLAN : PA_READ,
	    (struct decision){true, WHY_CONSENT, 0});
	g->action = actions[use];
	g->job_org = r->actor->org_id;
	g->job_user = r->actor->user.id;
	req_log_access(r, person_id, "accompaniment", g->action, why_code(WHY_CONSENT));
	return g;
}

const struct grant *const *
door_group_members(struct req *r, const char *group_id, const char *org_id,
    const char *facilitator_id, bool write, size_t *n, int *rc)
{
	const struct grant **gs;
	const char **ids;
	size_t i, nids;

	*n = 0;
	if (!policy_is_facilitator(r->actor, org_id, facilitator_id)) {
		*rc = ERR_NOT_FOUND;
		return NULL;
	}
	if ((*rc = store_group_member_ids(req_store(r), &r->arena, group_id, &ids, &nids)) != 0)
		return NULL;
	gs = arena_alloc(&r->arena, (nids + 1) * sizeof(*gs));
	for (i = 0; i < nids; i++) {
		/* By their consent: they joined a group this organisation runs. */
		struct grant *g = make(r, ids[i], NULL, write ? PA_EDIT_PLAN : PA_READ,
		    (struct decision){true, WHY_CONSENT, 0});

		g->action = write ? "write" : "read";
		g->group_id = arena_strdup(&r->arena, group_id);
		req_log_access(r, ids[i], "group", g->action, why_code(WHY_CONSENT));
		gs[i] = g;
	}
	*n = nids;
	return gs;
}

const struct grant *
door_register(struct req *r, const char *new_person_id)
{
	struct grant *g;

	if (r->actor == NULL || r->actor->user.kind != USER_STAFF || r->actor->org_id == NULL)
		return NULL;
	g = make(r, new_person_id, NULL, PA_MANAGE_NETWORK, (struct decision){true, WHY_DUTY, 0});
	g->action = "write";
	g->cats = CAT_BIT(CAT_BASIC);
	return g;
}

const struct grant *
door_command_line(struct arena *a, const char *person_id)
{
	struct grant *g = arena_alloc(a, sizeof(*g));

	g->person_id = arena_strdup(a, person_id);
	g->action = "write";
	g->act = PA_EDIT_RECORD;      /* reads and writes: the operator holds the database */
	g->cats = CAT_ALL;
	g->why = WHY_OWN;
	return g;
}

const struct grant *
door_reminders(struct arena *a, const char *person_id)
{
	struct grant *g = arena_alloc(a, sizeof(*g));

	/* The person's own reminders, sent for them: their contact details
	 * and appointments, to read and to queue a message; nothing else,
	 * and not logged (nobody else sees them). */
	g->person_id = arena_strdup(a, person_id);
	g->action = "read";
	g->act = PA_READ;
	g->cats = CAT_BIT(CAT_BASIC) | CAT_BIT(CAT_APPOINTMENTS);
	g->why = WHY_OWN;
	return g;
}

const struct grant *
door_checkups(struct arena *a, const char *person_id)
{
	struct grant *g = arena_alloc(a, sizeof(*g));

	/* The person's own check-ups, kept for them: whether one was done or
	 * missed, and a reminder to them; nothing else, and not logged. */
	g->person_id = arena_strdup(a, person_id);
	g->action = "write";
	g->act = PA_EDIT_PLAN;
	g->cats = CAT_BIT(CAT_BASIC) | CAT_BIT(CAT_APPOINTMENTS) | CAT_BIT(CAT_QUESTIONNAIRES);
	g->why = WHY_OWN;
	return g;
}

const struct grant *
door_warnings_open(struct req *r, const char *person_id, bool write, struct decision *d)
{
	const struct relation *rel = relation(r, person_id);
	enum person_action act = write ? PA_WRITE_NOTE : PA_READ;
	struct grant *g;
	unsigned c;

	if (rel == NULL) {
		*d = (struct decision){false, WHY_NONE, 503};
		return NULL;
	}
	*d = policy_person(r->actor, rel, act, CAT_BASIC);
	if (!d->allow)
		return NULL;
	/* Follow-up tasks are the team's work: the person sees their own;
	 * staff who answer for an organisation (as for Help now) see them;
	 * family, supporters and volunteers in the network do not. */
	if (!rel->is_self && !policy_may_see_help_now(r->actor)) {
		*d = (struct decision){false, WHY_NONE, 403};
		return NULL;
	}
	g = make(r, person_id, rel, act, *d);
	g->action = write ? "write" : "read";
	for (c = 0; c < CAT_COUNT; c++)
		if (policy_person(r->actor, rel, act, (enum category)c).allow)
			g->cats |= CAT_BIT(c);
	/* Logged as what it shows, the flags, and not once more per category. */
	g->noted = g->cats;
	req_log_access(r, person_id, "warnings", g->action, why_code(d->why));
	return g;
}

bool
door_may_see_flags(struct req *r)
{
	return policy_may_see_help_now(r->actor);
}

void
door_warnings_listed(struct req *r, const struct grant *g)
{
	req_log_access(r, g->person_id, "warnings", "list", why_code(g->why));
}

const struct grant *
door_warnings(struct arena *a, const char *person_id)
{
	struct grant *g = arena_alloc(a, sizeof(*g));

	/* The rules look at what the person gave (check-ins, answers) and
	 * what happened (appointments, referrals) and raise flags: nobody
	 * sees anything by it; a flag is shown only through the door. */
	g->person_id = arena_strdup(a, person_id);
	g->action = "write";
	g->act = PA_EDIT_PLAN;
	g->cats = CAT_ALL;
	g->why = WHY_OWN;
	return g;
}

const struct grant *
door_checkin_reminders(struct arena *a, const char *person_id)
{
	struct grant *g = arena_alloc(a, sizeof(*g));

	/* The person's own check-in reminder, sent for them: their contact
	 * details and their rhythm (check-ins), to read and to queue a
	 * message; not the check-ins' substance-use details, not logged. */
	g->person_id = arena_strdup(a, person_id);
	g->action = "read";
	g->act = PA_READ;
	g->cats = CAT_BIT(CAT_BASIC) | CAT_BIT(CAT_QUESTIONNAIRES);
	g->why = WHY_OWN;
	return g;
}

int
door_warning_recipient(struct store *s, const char *person_id, enum category cat,
    const char *today, int64_t now, const struct warn_candidate *c, size_t n)
{
	struct relation rel;
	struct actor who;
	size_t i;
	int rc;

	for (i = 0; i < n; i++) {
		memset(&who, 0, sizeof(who));
		who.user.id = c[i].user_id;
		who.user.kind = USER_STAFF;
		who.user.disabled_us = c[i].disabled ? 1 : 0;
		who.org_id = c[i].org_id;
		who.role = c[i].role;
		if ((rc = store_relation(s, c[i].user_id, c[i].org_id, person_id, today, now,
		    &rel)) != 0)
			return rc < -1 ? rc : ERR_DB;
		if (policy_person(&who, &rel, PA_READ, cat).allow)
			return (int)i;
	}
	return -1;
}

const struct grant *
door_command_line_job(struct arena *a, const char *person_id, const char *org_id,
    const char *user_id)
{
	struct grant *g = arena_alloc(a, sizeof(*g));

	g->person_id = arena_strdup(a, person_id);
	g->action = "write";
	g->act = PA_EDIT_PLAN;
	g->why = WHY_CONSENT;
	g->job_org = org_id;
	g->job_user = user_id;
	return g;
}

const struct grant *
door_command_line_group(struct arena *a, const char *person_id, const char *group_id)
{
	struct grant *g = arena_alloc(a, sizeof(*g));

	g->person_id = arena_strdup(a, person_id);
	g->action = "write";
	g->act = PA_EDIT_PLAN;
	g->why = WHY_CONSENT;
	g->group_id = arena_strdup(a, group_id);
	return g;
}

const struct list_grant *
door_command_line_lists(struct arena *a, const char *user_id, const char *org_id)
{
	struct list_grant *l = arena_alloc(a, sizeof(*l));

	l->user_id = user_id;
	l->org_id = org_id;
	return l;
}

const struct grant *
door_messages(struct req *r, const char *person_id, bool write, struct decision *d)
{
	const struct relation *rel = relation(r, person_id);
	struct grant *g;

	if (rel == NULL) {
		*d = (struct decision){false, WHY_NONE, 503};
		return NULL;
	}
	*d = policy_may_message(r->actor, rel);
	if (!d->allow)
		return NULL;
	g = make(r, person_id, rel, write ? PA_WRITE_NOTE : PA_READ, *d);
	g->action = write ? "write" : "read";
	g->cats = CAT_BIT(CAT_NOTES);
	g->noted = g->cats;
	g->msg_user = r->actor->user.id;
	g->msg_org = r->actor->org_id;
	/* Logged as what it shows: messages (in the notes category). */
	req_log_access(r, person_id, "messages", g->action, why_code(d->why));
	return g;
}

bool
door_may_message(struct req *r, const struct grant *g)
{
	return g != NULL && g->rel != NULL && policy_may_message(r->actor, g->rel).allow;
}

int
door_message_members(struct req *r, const char *person_id, const struct msg_candidate *c,
    size_t n, bool *ok)
{
	struct relation rel;
	struct actor who;
	size_t i;
	int rc;

	for (i = 0; i < n; i++) {
		ok[i] = false;
		memset(&who, 0, sizeof(who));
		who.user.id = c[i].user_id;
		who.user.kind = c[i].org_id != NULL ? USER_STAFF : USER_FAMILY;
		who.user.disabled_us = c[i].disabled ? 1 : 0;
		who.org_id = c[i].org_id;
		who.role = c[i].role;
		if ((rc = store_relation(req_store(r), c[i].user_id, c[i].org_id, person_id,
		    today_utc(r), clock_now_us(), &rel)) != 0)
			return rc < -1 ? rc : ERR_DB;
		ok[i] = policy_may_message(&who, &rel).allow;
	}
	return 0;
}

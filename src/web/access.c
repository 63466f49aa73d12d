/* The policy door for pages, and the access log's notes. */
#include "web/access.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/arena.h"
#include "base/buf.h"
#include "base/clock.h"
#include "base/html.h"
#include "base/i18n.h"
#include "base/id.h"
#include "http/request.h"
#include "http/response.h"
#include "store/persons.h"
#include "web/errors.h"
#include "web/layout.h"

const char *
today_utc(struct req *r)
{
	time_t t = (time_t)(clock_now_us() / 1000000);
	struct tm tm;

	gmtime_r(&t, &tm);
	return arena_printf(&r->arena, "%04d-%02d-%02d", tm.tm_year + 1900, tm.tm_mon + 1,
	    tm.tm_mday);
}

static int
cmp_row(const void *k, const void *e)
{
	return strcmp((const char *)k, ((const struct relation_row *)e)->person_id);
}

int
person_relations_prefetch(struct req *r)
{
	if (r->actor == NULL || r->rels != NULL)
		return 0;
	return store_relations_of_member(req_store(r), &r->arena, r->actor->user.id,
	    r->actor->org_id, today_utc(r), clock_now_us(), &r->rels, &r->nrels);
}

const struct relation *
person_relation(struct req *r, const char *person_id)
{
	const struct relation_row *x;

	if (r->rel != NULL && r->rel_person_id != NULL &&
	    strcmp(r->rel_person_id, person_id) == 0)
		return r->rel;
	if (r->rels != NULL &&
	    (x = bsearch(person_id, r->rels, r->nrels, sizeof(*r->rels), cmp_row)) != NULL)
		return &x->rel;
	r->rel = arena_alloc(&r->arena, sizeof(*r->rel));
	if (r->actor == NULL || !id_valid(person_id, strlen(person_id))) {
		r->rel_person_id = arena_strdup(&r->arena, person_id);
		return r->rel;                  /* exists = false */
	}
	if (store_relation(req_store(r), r->actor->user.id, r->actor->org_id, person_id,
	    today_utc(r), clock_now_us(), r->rel) != 0) {
		r->rel = NULL;
		r->rel_person_id = NULL;
		return NULL;
	}
	r->rel_person_id = arena_strdup(&r->arena, person_id);
	return r->rel;
}

struct decision
person_access(struct req *r, const char *person_id, enum person_action act,
    enum category cat)
{
	const struct relation *rel = person_relation(r, person_id);
	struct decision d;

	if (rel == NULL)
		return (struct decision){false, WHY_NONE, 503};
	d = policy_person(r->actor, rel, act, cat);
	if (d.allow)
		req_log_access(r, person_id, category_code(cat), act == PA_READ ? "read" : "write",
		    why_code(d.why));
	return d;
}

struct decision
person_access_list(struct req *r, const char *person_id)
{
	const struct relation *rel = person_relation(r, person_id);
	struct decision d;

	if (rel == NULL)
		return (struct decision){false, WHY_NONE, 503};
	d = policy_person(r->actor, rel, PA_READ, CAT_BASIC);
	if (d.allow)
		req_log_access(r, person_id, "list", "list", why_code(d.why));
	return d;
}

void
person_denied(struct req *r, const struct decision *d, enum category cat)
{
	struct buf b;

	if (d->status == 503) {
		error_respond(r, 503, PROBLEM_UNAVAILABLE);
		return;
	}
	if (d->status != 403) {
		error_respond(r, 404, PROBLEM_NOT_FOUND);
		return;
	}
	if (req_wants_json(r)) {
		resp_problem(r, 403, PROBLEM_FORBIDDEN, NULL, NULL);
		return;
	}
	buf_init(&b, &r->arena);
	layout_begin(r, &b, _("Not shared with you"));
	html(&b, "<section class=\"error\"><h1>%s</h1><p>%s</p><p>%s</p>"
	    "<p><a class=\"button\" href=\"/persons\">%s</a></p></section>",
	    _("Not shared with you"),
	    arena_printf(&r->arena, _("The person has not shared this with you: %s."),
	    category_label(cat)),
	    _("People in recovery decide who sees what in their record. If you need "
	      "it for your work, ask them; in an emergency, you can ask for time-limited "
	      "access, and they will see that you did and why."),
	    _("Back to my people"));
	layout_end(r, &b, 403);
}

/* "My tasks": the steps of people's plans that are the actor's to do.
 *   GET /me/tasks    signed in. Staff and family see the open steps owned
 *                    by their places in people's networks, across all
 *                    their persons, due soonest first; the person sees
 *                    their own next steps (those they do themself).
 * A task shows only when the door lets the actor read that person's plan
 * (and, for a goal about alcohol and drugs, that too): what is not covered
 * is not loaded. The person's log notes, once a day, that their plan's
 * steps (and any about alcohol and drugs) were seen in a task list. */
#include "web/tasks.h"

#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/err.h"
#include "base/html.h"
#include "base/i18n.h"
#include "base/timefmt.h"
#include "core/actor.h"
#include "core/person.h"
#include "core/plan.h"
#include "http/request.h"
#include "store/plan.h"
#include "access/door.h"
#include "web/errors.h"
#include "web/layout.h"
#include "web/referrals.h"

#define TASKS_MAX 300

static bool
is_open(enum item_status s)
{
	return s == ST_NOT_STARTED || s == ST_IN_PROGRESS;
}

static bool
is_overdue(const struct step *st, const char *today)
{
	return is_open(st->status) && st->due_date != NULL && *st->due_date &&
	    strcmp(st->due_date, today) < 0;
}

/* One task: the step, whose plan and goal it belongs to, and by when. */
static void
task_item(struct req *r, struct buf *b, const struct step *st, const char *person_name,
    const char *goal_title, const char *today, bool own)
{
	bool overdue = is_overdue(st, today);

	html(b, "<li class=\"card task%s\"><h3><a href=\"/persons/%s/plan/goals/%s#step-%s\">"
	    "%s</a></h3><ul class=\"step-facts\">", overdue ? " overdue" : "", st->person_id,
	    st->goal_id, st->id, st->title);
	if (person_name != NULL)
		html(b, "<li>%s <strong>%s</strong></li>", _("For:"), person_name);
	html(b, "<li>%s %s</li>", own ? _("Towards your goal:") : _("Towards the goal:"),
	    goal_title ? goal_title : "");
	if (st->due_date != NULL && *st->due_date) {
		html(b, "<li>%s <time datetime=\"%s\">%s</time>", _("By:"), st->due_date,
		    timefmt_date(&r->arena, st->due_date, r->lang));
		if (overdue)
			html(b, " <strong class=\"overdue-mark\">%s</strong>", _("Overdue"));
		html_raw(b, "</li>");
	} else {
		html(b, "<li>%s</li>", _("No date set"));
	}
	html(b, "<li>%s %s</li></ul></li>", _("Status:"), st->status == ST_IN_PROGRESS ?
	    _("In progress") : _("Not started"));
}

/* Steps by due date (no date last), then as created. */
static int
step_order(const struct step *a, const struct step *b)
{
	bool an = a->due_date == NULL || !*a->due_date, bn = b->due_date == NULL ||
	    !*b->due_date;
	int c;

	if (an != bn)
		return an ? 1 : -1;
	if (!an && (c = strcmp(a->due_date, b->due_date)) != 0)
		return c;
	if (a->created_us != b->created_us)
		return a->created_us < b->created_us ? -1 : 1;
	return strcmp(a->id, b->id);
}

static int
by_due(const void *x, const void *y)
{
	return step_order(x, y);
}

/* Tasks as the list shows them: due soonest first (no date last), then
 * by person, then as created. */
static int
by_task(const void *x, const void *y)
{
	const struct task *a = x, *b = y;
	bool an = a->step.due_date == NULL || !*a->step.due_date;
	bool bn = b->step.due_date == NULL || !*b->step.due_date;
	int c;

	if (an != bn)
		return an ? 1 : -1;
	if (!an && (c = strcmp(a->step.due_date, b->step.due_date)) != 0)
		return c;
	if ((c = strcmp(a->person_sort ? a->person_sort : "",
	    b->person_sort ? b->person_sort : "")) != 0)
		return c;
	if ((c = strcmp(a->step.person_id, b->step.person_id)) != 0)
		return c;
	return step_order(&a->step, &b->step);
}

/* The person's own next steps: open steps they do themself. */
static int
own_steps(struct req *r, struct buf *b, const struct grant *g, const struct person *p,
    const char *today)
{
	struct step *steps = NULL, *open;
	struct goal *goals = NULL;
	size_t ns = 0, ng = 0, no = 0, i, j;

	if (store_steps(req_store(r), &r->arena, g, &steps, &ns) != 0 ||
	    store_goals(req_store(r), &r->arena, g, &goals, &ng) != 0)
		return ERR_DB;
	open = arena_alloc(&r->arena, (ns ? ns : 1) * sizeof(*open));
	for (i = 0; i < ns; i++)
		if (steps[i].owner_kind == OWNER_PERSON && is_open(steps[i].status))
			open[no++] = steps[i];
	qsort(open, no, sizeof(*open), by_due);

	html(b, "<section aria-labelledby=\"s-own\"><h2 id=\"s-own\">%s</h2>",
	    _("Your next steps"));
	if (no == 0) {
		html(b, "<p>%s</p><p><a href=\"/persons/%s/plan\">%s</a></p></section>",
		    _("You have no open steps. When you are ready, you can add a small step to "
		      "one of your goals."), p->id, _("Go to my plan"));
		return 0;
	}
	html_raw(b, "<ol class=\"stack tasks\">");
	for (i = 0; i < no; i++) {
		const char *title = NULL;

		for (j = 0; j < ng; j++)
			if (strcmp(goals[j].id, open[i].goal_id) == 0)
				title = goals[j].title;
		task_item(r, b, &open[i], NULL, title, today, true);
	}
	html_raw(b, "</ol></section>");
	return 0;
}

/* The steps of others' plans that are the actor's to do, each person's
 * through the door: only what the grant covers is loaded, and what is
 * shown (the plan's steps; steps towards a goal about alcohol and drugs)
 * is noted in that person's log as a list entry. */
static int
others_steps(struct req *r, const char *today, struct task **out, size_t *n)
{
	const struct list_grant *lg = door_my_lists(r);
	const char **pids = NULL;
	size_t np = 0, i, j, cap = TASKS_MAX;
	int rc;

	*n = 0;
	*out = arena_alloc(&r->arena, cap * sizeof(**out));
	if ((rc = store_task_persons(req_store(r), &r->arena, lg, today, &pids, &np)) != 0 ||
	    (rc = door_prefetch(r)) != 0)
		return rc;
	for (i = 0; i < np && *n < cap; i++) {
		const struct grant *g;
		struct decision d;
		struct task *ts;
		size_t k = 0;

		g = door_list(r, pids[i], CAT_PLAN, CAT_BIT(CAT_SUBSTANCE), &d);
		if (g == NULL) {
			if (d.status == 503)
				return ERR_UNAVAILABLE;
			continue;
		}
		if ((rc = store_tasks_of(req_store(r), &r->arena, g, lg, today, cap - *n, &ts,
		    &k)) != 0)
			return rc;
		for (j = 0; j < k; j++) {
			if (domain_category(ts[j].goal_domain) == CAT_SUBSTANCE)
				door_shown(r, g, CAT_SUBSTANCE);
			(*out)[(*n)++] = ts[j];
		}
	}
	qsort(*out, *n, sizeof(**out), by_task);
	return 0;
}

void
web_tasks(struct req *r)
{
	const char *today = today_utc(r);
	const struct grant *own;
	struct task *tasks = NULL;
	struct person self;
	size_t n = 0, i, shown = 0, overdue = 0;
	bool is_person;
	struct buf b, list;
	int rc;

	own = door_self(r, &self, &rc);
	if (rc != 0 && rc != ERR_NOT_FOUND) {
		error_respond(r, 503, PROBLEM_UNAVAILABLE);
		return;
	}
	is_person = own != NULL;
	if (others_steps(r, today, &tasks, &n) != 0) {
		error_respond(r, 503, PROBLEM_UNAVAILABLE);
		return;
	}

	buf_init(&list, &r->arena);
	for (i = 0; i < n; i++) {
		const struct task *t = &tasks[i];

		if (is_overdue(&t->step, today))
			overdue++;
		task_item(r, &list, &t->step, t->person_display_name, t->goal_title, today, false);
		shown++;
	}

	buf_init(&b, &r->arena);
	layout_begin(r, &b, _("My tasks"));
	html(&b, "<h1>%s</h1>", _("My tasks"));
	if (is_person && own_steps(r, &b, own, &self, today) != 0) {
		error_respond(r, 503, PROBLEM_UNAVAILABLE);
		return;
	}
	if (!is_person && web_referrals_overdue_section(r, &b) != 0) {
		error_respond(r, 503, PROBLEM_UNAVAILABLE);
		return;
	}
	if (is_person && shown == 0) {
		layout_end(r, &b, 200);
		return;
	}
	html(&b, "<section aria-labelledby=\"s-tasks\"><h2 id=\"s-tasks\">%s</h2>",
	    _("Steps you agreed to do, soonest first"));
	if (shown == 0) {
		html(&b, "<p>%s</p></section>", _("No steps are waiting for you now."));
		layout_end(r, &b, 200);
		return;
	}
	html(&b, "<p class=\"count\" role=\"status\">%s</p>", overdue > 0 ?
	    arena_printf(&r->arena, ngettext("%zu step, %zu of them overdue.",
	    "%zu steps, %zu of them overdue.", shown), shown, overdue) :
	    arena_printf(&r->arena, ngettext("%zu step.", "%zu steps.", shown), shown));
	html_raw(&b, "<ol class=\"stack tasks\">");
	html_raw_buf(&b, &list);
	html_raw(&b, "</ol></section>");
	layout_end(r, &b, 200);
}

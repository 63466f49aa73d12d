/* My people: the persons whose network the actor is in.
 *   GET /persons   signed in. Staff see the persons in whose network they
 *                  are for the organisation they act for; family and
 *                  supporters the persons they support; a person in
 *                  recovery is sent to their own page, /me.
 *
 * ?q= keeps names that begin with it (case-folded, so "ærø" finds "Ærø");
 * ?after=&after_id= is the next page (keyset paging on the collation key
 * and id, 40 a page). Every person in the list has passed the policy door
 * and is noted in their access log once a day (person_access_list); the
 * door's refusals are left out entirely, from the count too. Staff see the
 * Help now presses nobody has acknowledged yet at the top (web/help_now.c:
 * one query for all their persons, then the door for each one shown). */
#include "web/caseload.h"

#include <stdbool.h>
#include <string.h>

#include "base/buf.h"
#include "base/html.h"
#include "base/i18n.h"
#include "base/id.h"
#include "base/utf8.h"
#include "core/account.h"
#include "core/actor.h"
#include "core/person.h"
#include "http/request.h"
#include "http/response.h"
#include "base/clock.h"
#include "base/timefmt.h"
#include "core/pathway_run.h"
#include "store/appointments.h"
#include "store/caseload.h"
#include "store/checkins.h"
#include "store/persons.h"
#include "access/door.h"
#include "web/errors.h"
#include "web/forms.h"
#include "web/layout.h"
#include "view/pathway.h"
#include "web/appointments.h"
#include "web/chart.h"
#include "web/flags.h"
#include "base/fragcache.h"
#include "web/help_now.h"
#include "web/referrals.h"

#define PAGE 40
#define BATCH 200
/* Counting stops here; a caseload this long says "more than". */
#define COUNT_MAX 5000
#define SORT_KEY_MAX 2048

/* What one request of the list found. */
struct caseload {
	struct caseload_item *shown;   /* this page, and one more if there is a next */
	size_t nshown;
	size_t total;                  /* every person the actor may see, up to COUNT_MAX */
	bool more_than;
};

static bool
is_hex(const char *s, size_t max)
{
	size_t n = strlen(s);

	return n > 0 && n <= max && strspn(s, "0123456789abcdef") == n;
}

/* True if item comes after the cursor (sort, id) in the list's order. */
static bool
after_cursor(const struct caseload_item *it, const char *sort, const char *id)
{
	int c;

	if (sort == NULL)
		return true;
	c = strcmp(it->name_sort, sort);
	return c > 0 || (c == 0 && strcmp(it->p.id, id) > 0);
}

/* Walks the whole caseload (up to COUNT_MAX) once: counts whom the door
 * lets the actor see and keeps the page that begins after the cursor. */
static int
load(struct req *r, const char *prefix, const char *after, const char *after_id,
    struct caseload *out)
{
	const char *cs = NULL, *ci = NULL;
	struct caseload_item *items;
	size_t n, i;
	bool more;
	int rc, v;

	memset(out, 0, sizeof(*out));
	out->shown = arena_alloc(&r->arena, (PAGE + 1) * sizeof(*out->shown));
	for (;;) {
		rc = store_caseload(req_store(r), &r->arena, door_my_lists(r), today_utc(r),
		    prefix, cs, ci, BATCH, &items, &n, &more);
		if (rc != 0)
			return rc;
		for (i = 0; i < n; i++) {
			if ((v = door_listable(r, items[i].p.id)) < 0)
				return v;
			if (v == 0)
				continue;
			if (out->total == COUNT_MAX) {
				out->more_than = true;
				return 0;
			}
			out->total++;
			if (out->nshown <= PAGE && after_cursor(&items[i], after, after_id))
				out->shown[out->nshown++] = items[i];
		}
		if (!more || n == 0)
			return 0;
		cs = items[n - 1].name_sort;
		ci = items[n - 1].p.id;
	}
}

static const char *
shown_name(const struct person *p)
{
	return p->preferred_name != NULL && *p->preferred_name ? p->preferred_name :
	    p->display_name;
}

static void
search_form(struct req *r, struct buf *b, const char *q)
{
	html(b, "<form method=\"get\" action=\"/persons\" role=\"search\" class=\"search\">");
	form_input(b, "q", _("Find by name"), "search", q, "off",
	    _("The first letters of the name are enough."), NULL);
	html(b, "<p><button type=\"submit\" class=\"button secondary\">%s</button>", _("Find"));
	if (*q)
		html(b, " <a href=\"/persons\">%s</a>", _("Show everyone"));
	html_raw(b, "</p></form>");
	(void)r;
}

static void
count_line(struct req *r, struct buf *b, const struct caseload *c, const char *q)
{
	const char *s;

	if (c->more_than)
		s = arena_printf(&r->arena, _("More than %d people."), COUNT_MAX);
	else if (*q)
		s = arena_printf(&r->arena, ngettext("%zu person whose name begins with “%s”.",
		    "%zu people whose names begin with “%s”.", c->total), c->total, q);
	else
		s = arena_printf(&r->arena, ngettext("%zu person.", "%zu people.", c->total),
		    c->total);
	html(b, "<p class=\"count\" role=\"status\">%s</p>", s);
}

static void
empty_text(struct req *r, struct buf *b, const char *q, bool staff)
{
	if (*q)
		html(b, "<p>%s</p>", arena_printf(&r->arena,
		    _("Nobody on your list has a name that begins with “%s”. Check the "
		      "spelling, or try fewer letters."), q));
	else if (staff)
		html(b, "<p>%s</p>", arena_printf(&r->arena,
		    _("There is nobody on your list for %s yet. When you register a person, "
		      "or someone adds you to their network, they appear here."),
		    r->actor->org_name));
	else
		html(b, "<p>%s</p>",
		    _("Nobody has added you to their network yet. When someone does, "
		      "you will find them here."));
}

static void
pager(struct req *r, struct buf *b, const struct caseload *c, const char *q, bool paged)
{
	const struct caseload_item *last;
	struct buf href;

	if (!paged && c->nshown <= PAGE)
		return;
	html(b, "<nav class=\"pager\" aria-label=\"%s\"><p>", _("Pages"));
	if (paged) {
		buf_init(&href, &r->arena);
		buf_puts(&href, "/persons");
		if (*q) {
			buf_puts(&href, "?q=");
			url_encode(&href, q);
		}
		html(b, "<a href=\"%s\">%s</a> ", href.data, _("First page"));
	}
	if (c->nshown > PAGE) {
		last = &c->shown[PAGE - 1];
		buf_init(&href, &r->arena);
		buf_puts(&href, "/persons?");
		if (*q) {
			buf_puts(&href, "q=");
			url_encode(&href, q);
			buf_puts(&href, "&");
		}
		buf_puts(&href, "after=");
		url_encode(&href, last->name_sort);
		buf_puts(&href, "&after_id=");
		url_encode(&href, last->p.id);
		html(b, "<a href=\"%s\" rel=\"next\">%s</a>", href.data, _("Next page"));
	}
	html_raw(b, "</p></nav>");
}

/* What a row shows of a person beyond their name, each part only where
 * their grant covers it: the check-ins' mood over four weeks, the next
 * appointment, the current pathway phase. Read for the whole page at
 * once (store/caseload.c, store_checkin_trends()). */
#define SPARK_DAYS 28
#define FRAG_US (INT64_C(60) * 1000000)   /* cells kept at most this long */
#define ACTION_MAX 5             /* flags in "needs action first" */

/* The first of n rows (each size bytes, its person's id its first
 * member, sorted by it) that is person pid's, or n if none. */
static size_t
first_of(const void *rows, size_t n, size_t size, const char *pid)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (strcmp(*(const char *const *)((const char *)rows + mid * size), pid) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < n && strcmp(*(const char *const *)((const char *)rows + lo * size),
	    pid) == 0 ? lo : n;
}

/* The mood sparkline of one person, noting that check-ins were shown. */
static unsigned
glance_spark(struct req *r, struct buf *b, const struct glance_rows *gl, const struct grant *g,
    const char *words_fmt)
{
	const char *pid = grant_person(g);
	struct buf words;
	double *v;
	size_t i, k, first = first_of(gl->t, gl->nt, sizeof(*gl->t), pid);

	for (k = 0; first + k < gl->nt && strcmp(gl->t[first + k].person_id, pid) == 0; k++)
		;
	if (k == 0)
		return 0;
	v = arena_alloc(&r->arena, k * sizeof(*v));
	buf_init(&words, &r->arena);
	/* words_fmt is one msgid's translation, translated once per page
	 * (msgfmt --check holds it to the msgid's "%zu"). */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
	buf_printf(&words, words_fmt, k);
#pragma GCC diagnostic pop
	for (i = 0; i < k; i++) {
		v[i] = gl->t[first + i].mood;
		buf_printf(&words, " %d", gl->t[first + i].mood);
	}
	buf_putc(&words, '\0');
	chart_spark(b, words.data, v, k, 1, 5);
	return CAT_BIT(CAT_QUESTIONNAIRES);
}

static unsigned
glance_next(struct req *r, struct buf *b, const struct glance_rows *gl, const struct grant *g)
{
	size_t i = first_of(gl->na, gl->nna, sizeof(*gl->na), grant_person(g));
	const char *tz;

	if (i == gl->nna)
		return 0;
	tz = r->actor->org_time_zone != NULL ? r->actor->org_time_zone : gl->na[i].time_zone;
	html(b, "<a href=\"/persons/%s/appointments\">%s</a>", grant_person(g),
	    timefmt_instant(&r->arena, gl->na[i].starts_us, tz, r->lang, TIMEFMT_SHORT_DATE));
	return CAT_BIT(CAT_APPOINTMENTS);
}

static unsigned
glance_phase(struct req *r, struct buf *b, const struct glance_rows *gl, const struct grant *g)
{
	const struct pw_template *t;
	struct pathway_phase ph;
	const char *name;
	size_t i;

	for (i = first_of(gl->ph, gl->nph, sizeof(*gl->ph), grant_person(g)); i < gl->nph &&
	    strcmp(gl->ph[i].person_id, grant_person(g)) == 0; i++) {
		memset(&ph, 0, sizeof(ph));
		ph.seq = gl->ph[i].seq;
		ph.code = gl->ph[i].code != NULL ? gl->ph[i].code : "";
		ph.name = gl->ph[i].name;
		t = view_pathway_template(req_store(r), &r->arena, gl->ph[i].template_id);
		name = pw_phase_name(t, &ph, r->lang);
		if (name == NULL)
			continue;
		html(b, "%s", name);
		if (gl->ph[i].phase_due != NULL)
			html(b, " <span class=\"small\">%s</span>", arena_printf(&r->arena,
			    _("(until %s)"), timefmt_date_plain(&r->arena, gl->ph[i].phase_due,
			    r->lang)));
		return CAT_BIT(CAT_PLAN);    /* the first running one */
	}
	return 0;
}

/* The cells a row shows beyond the name (the mood, the next appointment,
 * the phase), for the n persons of a page: cells[i] the HTML from the
 * end of the name's cell to the inside of the phase's, shown[i] the
 * categories it shows (noted in the log here, for each page that shows
 * them). Kept between requests (fragcache.h): the page is what a
 * coordinator reloads all day, and drawing it is most of its cost. */
static int
glance_cells(struct req *r, const struct grant *const *gs, size_t n, int64_t pgen,
    int64_t agen, const char **cells)
{
	const char *l_spark = _("Check-ins, four weeks"), *l_next = _("Next appointment");
	const char *l_phase = _("Pathway phase");
	const char *l_words = _("Mood in %zu check-ins of the last four weeks, from 1 to 5, "
	    "oldest first:");
	const char *tz = r->actor->org_time_zone != NULL ? r->actor->org_time_zone : "";
	const struct list_grant *l = door_my_lists(r);
	int64_t now = clock_now_us(), until;
	struct glance_rows gl;
	struct buf key, all, one;
	unsigned char *shown = arena_alloc(&r->arena, n + 1);
	struct frag f;
	char from[11];
	size_t i, k;
	int rc;

	if (n == 0)
		return 0;
	buf_init(&key, &r->arena);
	buf_printf(&key, "caseload/%s/%s/%s/%s", r->actor->user.id,
	    r->actor->org_id != NULL ? r->actor->org_id : "", lang_code(r->lang), tz);
	for (i = 0; i < n; i++) {
		unsigned c = 0;

		if (gs[i] != NULL)
			for (k = 0; k < CAT_COUNT; k++)
				c |= grant_covers(gs[i], (enum category)k) ? CAT_BIT(k) : 0;
		buf_printf(&key, "/%s:%x", gs[i] != NULL ? grant_person(gs[i]) : "-", c);
	}
	buf_putc(&key, '\0');
	if (!fragcache_get(key.data, pgen, agen, today_utc(r), now, &r->arena, &f) ||
	    f.auxlen != n) {
		clock_day_date(clock_date_day(today_utc(r)) - SPARK_DAYS + 1, from);
		if (l == NULL)
			memset(&gl, 0, sizeof(gl));
		else if ((rc = store_caseload_glance(req_store(r), &r->arena, gs, n, from, now,
		    &gl)) != 0)
			return rc;
		buf_init(&all, &r->arena);
		for (i = 0; i < n; i++) {
			unsigned c = 0;

			buf_init(&one, &r->arena);
			/* Empty cells stay empty (a phone hides them). */
			html(&one, "</td><td class=\"spark\" data-label=\"%s\">", l_spark);
			if (gs[i] != NULL)
				c |= glance_spark(r, &one, &gl, gs[i], l_words);
			html(&one, "</td><td class=\"when\" data-label=\"%s\">", l_next);
			if (gs[i] != NULL)
				c |= glance_next(r, &one, &gl, gs[i]);
			html(&one, "</td><td data-label=\"%s\">", l_phase);
			if (gs[i] != NULL)
				c |= glance_phase(r, &one, &gl, gs[i]);
			shown[i] = (unsigned char)c;
			if (i > 0)
				buf_putc(&all, '\x01');       /* never in HTML text */
			buf_append(&all, one.data, one.len);
		}
		/* Until the soonest next appointment begins: then it is past. */
		until = now + FRAG_US;
		for (i = 0; i < gl.nna; i++)
			if (gl.na[i].starts_us < until)
				until = gl.na[i].starts_us;
		f.html = all.data;
		f.len = all.len;
		f.aux = (const char *)shown;
		f.auxlen = n;
		fragcache_put(key.data, pgen, agen, today_utc(r), until, &f);
	}
	/* Split, and note what each row shows. */
	{
		char *h = arena_strndup(&r->arena, f.html, f.len), *next;

		for (i = 0; i < n; i++) {
			cells[i] = h;
			if ((next = memchr(h, '\x01', strlen(h))) != NULL) {
				*next = '\0';
				h = next + 1;
			} else {
				h += strlen(h);
			}
			for (k = 0; k < CAT_COUNT; k++)
				if (gs[i] != NULL && ((unsigned char)f.aux[i] & CAT_BIT(k)))
					door_shown(r, gs[i], (enum category)k);
		}
	}
	return 0;
}

void
web_caseload(struct req *r)
{
	const struct actor *a = r->actor;
	const char *q = req_query(r, "q"), *after = req_query(r, "after");
	const char *after_id = req_query(r, "after_id"), *prefix = NULL;
	bool staff = a->user.kind == USER_STAFF && a->org_id != NULL;
	const unsigned glance_cats = CAT_BIT(CAT_QUESTIONNAIRES) | CAT_BIT(CAT_APPOINTMENTS) |
	    CAT_BIT(CAT_PLAN);
	const struct grant **gs;
	const char **cells;
	int64_t pgen, agen;
	struct caseload c;
	struct buf b;
	size_t i, nq;
	int rc;

	if (a->user.kind == USER_PERSON) {
		resp_redirect(r, 302, "/me");
		return;
	}
	/* Leading and trailing spaces are not part of a name's beginning. */
	if (q == NULL)
		q = "";
	while (*q == ' ' || *q == '\t')
		q++;
	nq = strlen(q);
	while (nq > 0 && (q[nq - 1] == ' ' || q[nq - 1] == '\t'))
		nq--;
	q = arena_strndup(&r->arena, q, nq);
	if (!utf8_valid_text(q, nq) || utf8_count(q, nq) > NAME_MAX_CHARS)
		q = "";
	if (*q)
		prefix = person_name_key(&r->arena, q);
	/* A cursor that is not one of ours starts at the beginning. */
	if (after == NULL || after_id == NULL || !is_hex(after, SORT_KEY_MAX) ||
	    !id_valid(after_id, strlen(after_id))) {
		after = NULL;
		after_id = NULL;
	}

	/* Everyone the actor may list is in their network: their relations in
	 * three queries, not four per person. */
	if ((rc = door_prefetch(r)) != 0 ||
	    (rc = load(r, prefix, after, after_id, &c)) != 0) {
		error_respond(r, 503, PROBLEM_UNAVAILABLE);
		return;
	}
	/* Whoever is shown is noted in their access log, once a day; what a
	 * row shows beyond the name is noted by category as it is shown. */
	gs = arena_alloc(&r->arena, (PAGE + 1) * sizeof(*gs));
	for (i = 0; i < c.nshown && i < PAGE; i++) {
		struct decision d;

		gs[i] = door_list(r, c.shown[i].p.id, CAT_BASIC, glance_cats, &d);
		if (d.status == 503) {
			error_respond(r, 503, PROBLEM_UNAVAILABLE);
			return;
		}
		if (!d.allow) {         /* changed between two questions: leave out */
			memmove(&c.shown[i], &c.shown[i + 1], (c.nshown - i - 1) *
			    sizeof(c.shown[0]));
			c.nshown--;
			c.total--;
			i--;
		}
	}
	/* What the page's parts kept between requests rest on. */
	cells = arena_alloc(&r->arena, (PAGE + 1) * sizeof(*cells));
	if (store_change_counters(req_store(r), &pgen, &agen) != 0 ||
	    glance_cells(r, gs, c.nshown < PAGE ? c.nshown : PAGE, pgen, agen, cells) != 0) {
		error_respond(r, 503, PROBLEM_UNAVAILABLE);
		return;
	}

	buf_init(&b, &r->arena);
	layout_begin(r, &b, _("My people"));
	html(&b, "<h1>%s</h1>", _("My people"));
	if (staff) {
		html(&b, "<p class=\"lead\">%s</p>", arena_printf(&r->arena,
		    _("The people in whose network you are for %s."), a->org_name));
		html(&b, "<p><a class=\"button\" href=\"/persons/new\">%s</a> "
		    "<a class=\"button secondary\" href=\"/persons/find\">%s</a>",
		    _("Register a person"), _("Find by national id"));
		/* Those who review their organisation's emergency accesses. */
		if (door_review_list(r) != NULL)
			html(&b, " <a class=\"button secondary\" href=\"/emergencies\">%s</a>",
			    _("Emergency accesses to review"));
		html_raw(&b, "</p>");
		/* Someone pressed Help now: above everything else, until one of
		 * their staff says they saw it. */
		if (web_help_now_caseload(r, &b) != 0) {
			error_respond(r, 503, PROBLEM_UNAVAILABLE);
			return;
		}
		/* Then the early warnings given to them, the most urgent
		 * first, on the list's first page. */
		if (*q == '\0' && after == NULL && web_flags_caseload(r, &b, ACTION_MAX, pgen, agen) != 0) {
			error_respond(r, 503, PROBLEM_UNAVAILABLE);
			return;
		}
	} else {
		html(&b, "<p class=\"lead\">%s</p>",
		    _("The people who have asked you to be part of their network."));
	}
	search_form(r, &b, q);
	if (c.total == 0) {
		empty_text(r, &b, q, staff);
	} else {
		count_line(r, &b, &c, q);
		if (c.nshown == 0)
			html(&b, "<p>%s</p>", _("There are no more people on this list."));
	}
	if (c.nshown > 0) {
		/* A table on a wide screen, a card per person on a phone (the CSS
		 * stacks the rows and the name's link covers the whole card; no
		 * ARIA table roles: HTML forbids them on a table's own rows and
		 * cells, and browsers keep a restyled table a table). */
		/* Each row's cell labels, translated once for the page. */
		const char *l_role = _("My role in their network"), *l_home = _("Home organisation");

		html(&b, "<table class=\"stacked caseload\"><thead>"
		    "<tr><th scope=\"col\">%s</th>"
		    "<th scope=\"col\">%s</th>"
		    "<th scope=\"col\">%s</th>"
		    "<th scope=\"col\">%s</th>"
		    "<th scope=\"col\">%s</th>"
		    "<th scope=\"col\">%s</th></tr></thead>"
		    "<tbody>", _("Name"), _("Check-ins, four weeks"), _("Next appointment"),
		    _("Pathway phase"), l_role, l_home);
		struct referral_row *late = NULL;
		size_t nlate = 0;

		struct appt_flag_row *flags = NULL;
		size_t nflags = 0;

		if (staff && (web_referrals_overdue(r, &late, &nlate) != 0 ||
		    web_appointment_flags(r, pgen, agen, &flags, &nflags) != 0)) {
			error_respond(r, 503, PROBLEM_UNAVAILABLE);
			return;
		}
		for (i = 0; i < c.nshown && i < PAGE; i++) {
			const struct person *p = &c.shown[i].p;
			const char *name = shown_name(p);

			html(&b, "<tr><td class=\"row-main\">"
			    "<a class=\"row-link\" href=\"/persons/%s\">%s</a>", p->id, name);
			if (strcmp(name, p->display_name) != 0)
				html(&b, " <span class=\"small\">(%s)</span>", p->display_name);
			if (p->pronouns != NULL && *p->pronouns)
				html(&b, " <span class=\"small\">%s</span>", p->pronouns);
			if (web_referral_row_overdue(late, nlate, p->id))
				html(&b, " <span class=\"flag referral-overdue\">%s</span>",
				    _("A referral waits for an answer"));
			const struct appt_flag_row *f = web_appointment_flag(flags, nflags, p->id);

			if (f != NULL && f->missed)
				html(&b, " <span class=\"flag appointment-missed\">%s</span>",
				    _("Has missed an appointment"));
			if (f != NULL && f->alone)
				html(&b, " <span class=\"flag company-unanswered\">%s</span>",
				    _("No volunteer yet for an appointment within two days"));
			if (f != NULL && f->start_broken)
				html(&b, " <span class=\"flag start-broken\">%s</span>",
				    _("Treatment start guarantee broken"));
			else if (f != NULL && f->start_risk)
				html(&b, " <span class=\"flag start-risk\">%s</span>",
				    _("Treatment must start within days"));
			if (f != NULL && f->phase_overdue)
				html(&b, " <span class=\"flag phase-overdue\">%s</span>",
				    _("A pathway phase is overdue"));
			buf_puts(&b, cells[i]);
			html(&b, "</td><td data-label=\"%s\">%s</td>"
			    "<td data-label=\"%s\">%s</td></tr>",
			    l_role, net_role_label(c.shown[i].my_role), l_home, p->home_org_name);
		}
		html_raw(&b, "</tbody></table>");
	}
	pager(r, &b, &c, q, after != NULL);
	layout_end(r, &b, 200);
}

/* Early warnings and their follow-up (core/warning.h, jobs/warnings.c).
 *   GET  /persons/{id}/flags        the person (when their team was told,
 *                                   and why: no surprises) and those the
 *                                   door lets read the person's warnings
 *   POST /persons/{id}/flags/{fid}  staff who may write about their work
 *                                   with the person: how a flag was
 *                                   followed up (the person reads it)
 *   GET  /me/flags                  staff: the follow-ups given to them,
 *                                   due soonest first
 * A flag shows only to those whose grant covers the category of its
 * evidence; the rest are left out as if they were not there. */
#include "web/flags.h"

#include <string.h>

#include "access/door.h"
#include "base/buf.h"
#include "base/clock.h"
#include "base/err.h"
#include "base/html.h"
#include "base/i18n.h"
#include "base/timefmt.h"
#include "core/actor.h"
#include "core/person.h"
#include "core/warning.h"
#include "http/request.h"
#include "http/response.h"
#include "http/session.h"
#include "store/audit.h"
#include "store/persons.h"
#include "store/warnings.h"
#include "view/warning.h"
#include "web/errors.h"
#include "web/forms.h"
#include "base/fragcache.h"
#include "web/layout.h"

#define FRAG_US (INT64_C(60) * 1000000)   /* "needs action" kept at most this long */

/* A follow-up being recorded, kept on error. */
struct resolve_form {
	const char *flag_id;
	struct flag_resolve_in in;
	const struct form_errors *e;
};

static const char *
zone_for(struct req *r, const struct person *p)
{
	if (r->actor->org_time_zone != NULL)
		return r->actor->org_time_zone;
	return p != NULL ? p->time_zone : NULL;
}

static void
when(struct req *r, struct buf *b, int64_t us, const char *tz)
{
	char iso[21];

	clock_format_datetime(us, iso);
	html(b, "<time datetime=\"%s\">%s</time>", iso,
	    timefmt_instant(&r->arena, us, tz, r->lang, TIMEFMT_DATETIME));
}

static void
resolve_fields(struct req *r, struct buf *b, const char *pid, const struct warn_flag *f,
    const struct resolve_form *rf)
{
	const struct form_errors *e = rf ? rf->e : NULL;
	const char *sel = rf ? rf->in.resolution : NULL;
	int o;

	html(b, "<details class=\"resolve\"%s><summary>%s</summary>", rf ? " open" : "",
	    _("Record the follow-up"));
	form_begin(r, b, arena_printf(&r->arena, "/persons/%s/flags/%s", pid, f->id), e);
	/* A page may hold one form per open flag: the one re-rendered with
	 * its mistakes has the ids the error summary links to, the others
	 * their flag's own. */
	if (rf != NULL)
		html_raw(b, "<fieldset id=\"f-resolution\">");
	else
		html(b, "<fieldset id=\"f-resolution-%s\">", f->id);
	html(b, "<legend>%s</legend>", _("What happened"));
	if (form_error_at(e, "resolution") != NULL)
		html(b, "<p class=\"error\" id=\"resolution-error\">%s</p>",
		    form_error_text(form_error_at(e, "resolution")));
	for (o = 0; o < WR_COUNT; o++) {
		const char *c = warn_resolution_code((enum warn_resolution)o);

		html(b, "<div class=\"check\"><input type=\"radio\" name=\"resolution\" "
		    "id=\"r-%s-%s\" value=\"%s\"%s><label for=\"r-%s-%s\">%s</label></div>",
		    f->id, c, c, sel != NULL && strcmp(sel, c) == 0 ? " checked" : "", f->id, c,
		    warn_resolution_label((enum warn_resolution)o));
	}
	html_raw(b, "</fieldset>");
	if (rf != NULL)
		form_textarea(b, "note", _("A few words (needed for \"something else\")"),
		    rf->in.note, _("The person can read this."), e);
	else
		html(b, "<div class=\"field\"><label for=\"f-note-%s\">%s</label>"
		    "<p class=\"hint\" id=\"h-note-%s\">%s</p><textarea id=\"f-note-%s\" "
		    "name=\"note\" rows=\"8\" aria-describedby=\"h-note-%s\">\n</textarea></div>",
		    f->id, _("A few words (needed for \"something else\")"), f->id,
		    _("The person can read this."), f->id, f->id);
	form_end(b, _("Save the follow-up"));
	html_raw(b, "</details>");
}

static void
flag_item(struct req *r, struct buf *b, const struct warn_flag *f, const char *tz,
    bool may_resolve, const struct resolve_form *rf)
{
	struct flag_words w;

	view_flag_words(&r->arena, f, r->lang, clock_now_us(), &w);
	html(b, "<li class=\"flag%s%s\" id=\"flag-%s\"><article aria-labelledby=\"fh-%s\">"
	    "<h2 id=\"fh-%s\">%s</h2><dl class=\"facts\">", f->resolved_us ? " done" : " open",
	    w.overdue ? " overdue" : "", f->id, f->id, f->id, w.reason);
	html(b, "<dt>%s</dt><dd>", _("Noticed"));
	when(r, b, f->raised_us, tz);
	html(b, "</dd><dt>%s</dt><dd>%s</dd>", _("Who was told"),
	    f->assigned_org_name ? arena_printf(&r->arena, _("%s, %s"), f->assigned_name,
	    f->assigned_org_name) : f->assigned_name ? f->assigned_name : "");
	html(b, "<dt>%s</dt><dd>%s. ", _("What they were asked to do"), w.task);
	html(b, "%s ", _("Due:"));
	when(r, b, f->due_us, tz);
	if (w.overdue)
		html(b, " <strong class=\"overdue-mark\">%s</strong>", _("overdue"));
	html(b, "</dd><dt>%s</dt><dd>", _("Follow-up"));
	if (f->resolved_us == 0) {
		html(b, "%s", _("Not recorded yet"));
	} else {
		html(b, "%s. ", f->resolution < WR_COUNT ? warn_resolution_label(f->resolution) :
		    "");
		html(b, "%s ", arena_printf(&r->arena, _("Recorded by %s on"),
		    f->resolved_by_name ? f->resolved_by_name : ""));
		when(r, b, f->resolved_us, tz);
		if (f->resolution_note != NULL)
			html(b, " <q>%s</q>", f->resolution_note);
	}
	html_raw(b, "</dd></dl>");
	if (may_resolve && f->resolved_us == 0)
		resolve_fields(r, b, f->person_id, f, rf != NULL && strcmp(rf->flag_id, f->id) == 0 ?
		    rf : NULL);
	html_raw(b, "</article></li>");
}

static void
render(struct req *r, const char *id, unsigned status, const struct resolve_form *rf,
    const char *message)
{
	struct decision d;
	const struct grant *g = door_warnings_open(r, id, false, &d);
	struct warn_flag *fs = NULL, one;
	struct person p;
	struct buf b;
	size_t n = 0, i;
	bool self, may;
	int rc;

	if (g == NULL) {
		door_refuse(r, &d, CAT_BASIC);
		return;
	}
	self = grant_is_self(g);
	if ((rc = store_person_get(req_store(r), &r->arena, g, &p)) != 0 ||
	    (status < 400 && (rc = store_warning_flags(req_store(r), &r->arena, g, &fs, &n)) != 0) ||
	    (status >= 400 && (rc = store_warning_flag_get(req_store(r), &r->arena, g,
	    rf->flag_id, &one)) != 0)) {
		error_respond(r, rc == ERR_NOT_FOUND ? 404 : 503,
		    rc == ERR_NOT_FOUND ? PROBLEM_NOT_FOUND : PROBLEM_UNAVAILABLE);
		return;
	}
	may = !self && door_may(r, g, PA_WRITE_NOTE, CAT_BASIC);
	buf_init(&b, &r->arena);
	if (self) {
		layout_begin(r, &b, _("When my team was told"));
		html(&b, "<nav><a href=\"/me\">%s</a></nav><h1>%s</h1><p class=\"lead\">%s</p>",
		    _("Back to my page"), _("When my team was told"),
		    _("When something in your check-ins, questionnaires or appointments suggests "
		      "things may be getting harder, rosc tells one person in your team, so that "
		      "they can get in touch. Here is each time, why, and what they did."));
	} else {
		layout_begin(r, &b, arena_printf(&r->arena, _("Early warnings about %s"),
		    p.display_name));
		html(&b, "<nav><a href=\"/persons/%s\">%s</a></nav><h1>%s</h1><p class=\"lead\">%s"
		    "</p>", id, arena_printf(&r->arena, _("Back to %s"), p.display_name),
		    arena_printf(&r->arena, _("Early warnings about %s"), p.display_name),
		    arena_printf(&r->arena, _("%s sees these too: each warning, why it was "
		    "raised, whom it was given to, and what was done."), p.display_name));
	}
	if (message != NULL)
		html(&b, "<p class=\"notice\" role=\"status\">%s</p>", message);
	/* A page answering a mistake (422) is not written to the access log:
	 * it shows only the flag being followed up, as the writer saw it. */
	if (status >= 400) {
		html_raw(&b, "<ol class=\"flags\">");
		flag_item(r, &b, &one, zone_for(r, &p), may, rf);
		html_raw(&b, "</ol>");
		layout_end(r, &b, status);
		return;
	}
	if (n == 0) {
		html(&b, "<p>%s</p>", self ? _("Your team has not been told of anything.") :
		    _("There are no early warnings."));
	} else {
		html_raw(&b, "<ol class=\"flags\">");
		for (i = 0; i < n; i++)
			flag_item(r, &b, &fs[i], zone_for(r, &p), may, NULL);
		html_raw(&b, "</ol>");
	}
	layout_end(r, &b, status);
}

void
web_flags(struct req *r)
{
	render(r, req_param(r, 0), 200, NULL,
	    req_query(r, "saved") != NULL ? _("The follow-up is saved.") : NULL);
}

struct resolve {
	const struct grant *g;
	const char *person_id, *flag_id, *by, *note;
	enum warn_resolution res;
	int64_t now;
	struct audit_entry *audit;
};

static int
write_resolve(struct store_tx *tx, void *arg)
{
	struct resolve *x = arg;
	int rc = store_tx_warning_resolve(tx, x->g, x->flag_id, x->by, x->res, x->note, x->now);

	return rc ? rc : store_tx_audit_append(tx, x->audit);
}

static void
after_resolve(struct req *r, int rc)
{
	struct resolve *x = r->write_arg;

	if (rc == ERR_NOT_FOUND) {
		/* Followed up already by someone else, in the meantime. */
		resp_redirect(r, 303, arena_printf(&r->arena, "/persons/%s/flags#flag-%s",
		    x->person_id, x->flag_id));
		return;
	}
	if (rc != 0) {
		error_respond(r, 503, PROBLEM_UNAVAILABLE);
		return;
	}
	resp_redirect(r, 303, arena_printf(&r->arena, "/persons/%s/flags?saved=1#flag-%s",
	    x->person_id, x->flag_id));
}

void
web_flag_resolve(struct req *r)
{
	const char *id = req_param(r, 0), *fid = req_param(r, 1);
	struct decision d;
	const struct grant *g = door_warnings_open(r, id, true, &d);
	struct form_errors *e;
	struct resolve_form *rf;
	struct warn_flag f;
	struct resolve *x;
	int rc;

	if (g == NULL) {
		door_refuse(r, &d, CAT_BASIC);
		return;
	}
	/* Someone else's flag, one not covered, or no such one: missing. */
	if ((rc = store_warning_flag_get(req_store(r), &r->arena, g, fid, &f)) != 0) {
		error_respond(r, rc == ERR_NOT_FOUND ? 404 : 503,
		    rc == ERR_NOT_FOUND ? PROBLEM_NOT_FOUND : PROBLEM_UNAVAILABLE);
		return;
	}
	e = arena_alloc(&r->arena, sizeof(*e));
	rf = arena_alloc(&r->arena, sizeof(*rf));
	rf->flag_id = fid;
	rf->e = e;
	rf->in.resolution = req_form(r, "resolution");
	rf->in.note = form_text(r, e, "note", false, VIEW_FLAG_NOTE_MAX);
	view_flag_resolve_check(&rf->in);
	/* The first error at a field wins: form_text's comes first. */
	if (rf->in.resolution_err != NULL)
		form_error(e, "resolution", rf->in.resolution_err);
	if (rf->in.note_err != NULL)
		form_error(e, "note", rf->in.note_err);
	if (e->n > 0) {
		render(r, id, 422, rf, NULL);
		return;
	}
	if (f.resolved_us != 0) {
		resp_redirect(r, 303, arena_printf(&r->arena, "/persons/%s/flags#flag-%s", id, fid));
		return;
	}
	x = arena_alloc(&r->arena, sizeof(*x));
	x->g = g;
	x->person_id = id;
	x->flag_id = fid;
	x->by = r->actor->user.id;
	x->note = rf->in.note;
	x->res = (enum warn_resolution)rf->in.res;
	x->now = clock_now_us();
	x->audit = req_audit(r, "warning.resolve", arena_printf(&r->arena, "person:%s", id),
	    arena_printf(&r->arena, "flag:%s %s", fid, warn_resolution_code(x->res)));
	req_defer_write(r, write_resolve, x, after_resolve);
}

/* The flags of fs[0..n) that the door lets the actor see, at most max,
 * as a list of tasks with headings at level h; how many were shown. */
static size_t
task_list(struct req *r, struct buf *b, const struct warn_flag *fs, size_t n, size_t max,
    int h, struct buf *who, int64_t *until)
{
	struct flag_words w;
	struct decision d;
	const struct grant *g;
	size_t i, shown = 0;

	for (i = 0; i < n && shown < max; i++) {
		/* Each person shown passes the door; a flag whose evidence the
		 * door no longer lets you see is left out. */
		g = door_list(r, fs[i].person_id, CAT_BASIC, CAT_ALL, &d);
		if (g == NULL || !grant_covers(g, fs[i].category))
			continue;
		door_warnings_listed(r, g);
		view_flag_words(&r->arena, &fs[i], r->lang, clock_now_us(), &w);
		if (who != NULL)
			buf_printf(who, "%s\n", fs[i].person_id);
		if (until != NULL && !w.overdue && fs[i].due_us < *until)
			*until = fs[i].due_us;       /* then it reads "overdue" */
		if (shown++ == 0)
			html_raw(b, "<ol class=\"flags tasks\">");
		html(b, "<li class=\"flag task%s\"><h%d><a href=\"/persons/%s/flags#flag-%s\">%s</a>"
		    "</h%d><p>%s</p><p>%s. %s ", w.overdue ? " overdue" : "", h, fs[i].person_id,
		    fs[i].id, fs[i].person_name, h, w.reason, w.task, _("Due:"));
		when(r, b, fs[i].due_us, r->actor->org_time_zone);
		if (w.overdue)
			html(b, " <strong class=\"overdue-mark\">%s</strong>", _("overdue"));
		html_raw(b, "</p></li>");
	}
	if (shown > 0)
		html_raw(b, "</ol>");
	return shown;
}

void
web_my_flags(struct req *r)
{
	const struct list_grant *l = door_my_lists(r);
	struct warn_flag *fs = NULL;
	struct buf b;
	size_t n = 0;

	if (l != NULL && store_warning_flags_assigned(req_store(r), &r->arena, l, &fs,
	    &n) != 0) {
		error_respond(r, 503, PROBLEM_UNAVAILABLE);
		return;
	}
	buf_init(&b, &r->arena);
	layout_begin(r, &b, _("My follow-ups"));
	html(&b, "<nav><a href=\"/persons\">%s</a></nav><h1>%s</h1><p class=\"lead\">%s</p>",
	    _("My people"), _("My follow-ups"),
	    _("Early warnings given to you, due soonest first. Each says why it was raised and "
	      "what to do; the person sees them too."));
	if (task_list(r, &b, fs, n, n, 2, NULL, NULL) == 0)
		html(&b, "<p>%s</p>", _("Nothing to follow up right now."));
	layout_end(r, &b, 200);
}

int
web_flags_caseload(struct req *r, struct buf *b, size_t max, int64_t pgen, int64_t agen)
{
	const struct list_grant *l = door_my_lists(r);
	struct warn_flag *fs = NULL;
	int64_t now = clock_now_us(), until = now + FRAG_US;
	struct buf key, part, who;
	struct frag f;
	size_t n = 0;
	int rc;

	if (l == NULL)
		return 0;
	/* Kept between requests as the caseload's cells are (fragcache.h): a
	 * flag, its resolution and the consent it rests on each count a
	 * counter up. A hit notes its persons in their logs again. */
	buf_init(&key, &r->arena);
	buf_printf(&key, "needs-action/%s/%s/%s/%s/%zu", r->actor->user.id,
	    r->actor->org_id != NULL ? r->actor->org_id : "", lang_code(r->lang),
	    r->actor->org_time_zone != NULL ? r->actor->org_time_zone : "", max);
	buf_putc(&key, '\0');
	if (fragcache_get(key.data, pgen, agen, today_utc(r), now, &r->arena, &f)) {
		char *ids = arena_strndup(&r->arena, f.aux, f.auxlen), *id, *save = NULL;
		bool same = true;

		for (id = strtok_r(ids, "\n", &save); id != NULL; id = strtok_r(NULL, "\n", &save)) {
			struct decision d;
			const struct grant *g = door_list(r, id, CAT_BASIC, CAT_ALL, &d);

			if (g == NULL) {
				same = false;    /* the door says otherwise now: draw again */
				break;
			}
			door_warnings_listed(r, g);
		}
		if (same) {
			buf_append(b, f.html, f.len);
			return 0;
		}
	}
	if ((rc = store_warning_flags_assigned(req_store(r), &r->arena, l, &fs, &n)) != 0)
		return rc;
	buf_init(&part, &r->arena);
	buf_init(&who, &r->arena);
	if (n > 0 && task_list(r, &part, fs, n, max, 3, &who, &until) > 0) {
		struct buf sec;

		buf_init(&sec, &r->arena);
		html(&sec, "<section class=\"needs-action\" aria-labelledby=\"s-action\">"
		    "<h2 id=\"s-action\">%s</h2><p>%s</p>", _("Needs action first"),
		    _("The early warnings given to you, the most urgent first: why each was "
		      "raised, what to do and by when."));
		buf_append(&sec, part.data, part.len);
		html(&sec, "<p><a href=\"/me/flags\">%s</a></p></section>", _("All my follow-ups"));
		part = sec;
	} else {
		part.len = 0;
	}
	f.html = part.data != NULL ? part.data : "";
	f.len = part.len;
	f.aux = who.data != NULL ? who.data : "";
	f.auxlen = who.len;
	fragcache_put(key.data, pgen, agen, today_utc(r), until, &f);
	buf_append(b, part.data, part.len);
	return 0;
}

int
web_flags_home(struct req *r, struct buf *b, const struct grant *g, const char *tz)
{
	struct warn_flag *fs;
	struct flag_words w;
	size_t n, i, open = 0;
	int rc;

	if ((rc = store_warning_flags(req_store(r), &r->arena, g, &fs, &n)) != 0)
		return rc;
	for (i = 0; i < n; i++) {
		if (fs[i].resolved_us != 0)
			break;               /* open ones come first */
		view_flag_words(&r->arena, &fs[i], r->lang, clock_now_us(), &w);
		if (open++ == 0)
			html(b, "<section aria-labelledby=\"s-told\" class=\"told\"><h2 id=\"s-told\">"
			    "%s</h2><ul>", _("Your team was told"));
		html(b, "<li>%s ", w.reason);
		html(b, "%s", arena_printf(&r->arena, _("(on %s). %s will get in touch."),
		    timefmt_instant(&r->arena, fs[i].raised_us, tz, r->lang, TIMEFMT_DATETIME),
		    fs[i].assigned_name ? fs[i].assigned_name : ""));
		html_raw(b, "</li>");
	}
	if (open > 0)
		html(b, "</ul><p><a href=\"/persons/%s/flags\">%s</a></p></section>",
		    grant_person(g), _("Why, and what happened before"));
	else if (n > 0)
		html(b, "<p><a href=\"/persons/%s/flags\">%s</a></p>", grant_person(g),
		    _("When my team was told"));
	return 0;
}

/* Journal notes: what the network writes about its work with a person.
 *   GET  /persons/{id}/notes    signed in; whoever may read the person's
 *                               journal notes (the door decides)
 *   POST /persons/{id}/notes    whoever may write one (staff by duty,
 *                               consent or emergency)
 * Notes are the person's to read too (GET /me/notes, where the restricted
 * ones show without their words); the person is sent there from here. */
#include "web/notes.h"

#include <string.h>

#include "base/buf.h"
#include "base/clock.h"
#include "base/err.h"
#include "base/html.h"
#include "base/i18n.h"
#include "base/id.h"
#include "base/timefmt.h"
#include "core/actor.h"
#include "core/person.h"
#include "http/request.h"
#include "http/response.h"
#include "http/session.h"
#include "store/audit.h"
#include "store/notes.h"
#include "store/persons.h"
#include "access/door.h"
#include "web/errors.h"
#include "web/forms.h"
#include "web/layout.h"

/* What was typed, kept on error. */
struct note_form {
	const char *body, *lang, *restricted, *reason;
};

struct view {
	const struct note_form *f;
	const struct form_errors *e;
	const char *message;
};

static const char *
viewer_zone(struct req *r, const struct person *p)
{
	if (r->actor->org_time_zone != NULL)
		return r->actor->org_time_zone;
	return p->time_zone;
}

/* Text someone typed, as paragraphs: a blank line parts them, a single
 * line break stays one. */
static void
paragraphs(struct req *r, struct buf *b, const char *s)
{
	bool open = false;

	while (*s != '\0') {
		size_t n = strcspn(s, "\n"), len = n;

		if (len > 0 && s[len - 1] == '\r')
			len--;
		if (strspn(s, " \t\r") >= n) {
			if (open)
				html_raw(b, "</p>");
			open = false;
		} else {
			if (open)
				html_raw(b, "<br>");
			else
				html_raw(b, "<p>");
			open = true;
			html(b, "%s", arena_strndup(&r->arena, s, len));
		}
		s += n;
		if (*s == '\n')
			s++;
	}
	if (open)
		html_raw(b, "</p>");
}

static void
note_item(struct req *r, struct buf *b, const struct note *x, const struct person *p)
{
	char iso[28];

	clock_format_datetime(x->created_us, iso);
	html(b, "<li class=\"note\" id=\"note-%s\"><article aria-labelledby=\"nh-%s\">"
	    "<h3 id=\"nh-%s\">%s</h3>", x->id, x->id, x->id,
	    x->author_org_name ? arena_printf(&r->arena, _("%s, %s"), x->author_name,
	    x->author_org_name) : x->author_name);
	html(b, "<p class=\"small\"><time datetime=\"%s\">%s</time></p>", iso,
	    timefmt_instant(&r->arena, x->created_us, viewer_zone(r, p), r->lang,
	    TIMEFMT_DATETIME));
	if (x->restricted)
		html(b, "<p class=\"notice\">%s</p>", arena_printf(&r->arena,
		    _("Not shown to %s: %s"), p->display_name,
		    x->restricted_reason ? x->restricted_reason : ""));
	if (x->body_lang != NULL)
		html(b, "<div class=\"note-body\" lang=\"%s\">", x->body_lang);
	else
		html_raw(b, "<div class=\"note-body\">");
	paragraphs(r, b, x->body);
	html_raw(b, "</div></article></li>");
}

static void
note_form(struct req *r, struct buf *b, const char *id, const struct person *p,
    const struct view *v)
{
	static const char *const langs[] = {"en", "nl", "da"};
	static const char *const yes_no[] = {"no", "yes"};
	const char *lang_labels[] = {lang_endonym(LANG_EN), lang_endonym(LANG_NL),
		lang_endonym(LANG_DA)};
	const char *restrict_labels[] = {
		arena_printf(&r->arena, _("No: %s can read it"), p->display_name),
		arena_printf(&r->arena, _("Yes: do not show it to %s"), p->display_name),
	};
	const struct note_form *f = v->f;

	html(b, "<section aria-labelledby=\"s-write\"><h2 id=\"s-write\">%s</h2>",
	    _("Write a note"));
	form_begin(r, b, arena_printf(&r->arena, "/persons/%s/notes", id), v->e);
	form_textarea(b, "body", _("Note"), f ? f->body : NULL, NULL, v->e);
	form_select(b, "lang", _("Language of the note"), langs, lang_labels, 3,
	    f ? f->lang : lang_code(r->lang), v->e);
	html(b, "<fieldset><legend>%s</legend><p class=\"hint\">%s</p>",
	    _("Who can read it"),
	    _("Notes are visible to the person by default. Only restrict one when you "
	      "must, and say why: they will still see that a note exists, who wrote it "
	      "and when."));
	form_select(b, "restricted", arena_printf(&r->arena,
	    _("Do not show this note to %s"), p->display_name), yes_no, restrict_labels, 2,
	    f ? f->restricted : "no", v->e);
	form_input(b, "reason", _("Why it must not be shown"), "text", f ? f->reason : NULL,
	    "off", _("Needed only when the note is not shown."), v->e);
	html_raw(b, "</fieldset>");
	form_end(b, _("Save the note"));
	html_raw(b, "</section>");
}

static void
render(struct req *r, const char *id, unsigned status, const struct view *v)
{
	struct decision d;
	const struct grant *gr = door_open(r, id, PA_READ, CAT_NOTES, 0, &d);
	struct person p;
	struct note *ns;
	struct buf b;
	size_t n = 0, i;
	bool write;
	int rc;

	if (gr == NULL) {
		door_refuse(r, &d, CAT_NOTES);
		return;
	}
	if ((rc = store_person_get(req_store(r), &r->arena, gr, &p)) != 0 ||
	    store_notes(req_store(r), &r->arena, gr, &ns, &n) != 0) {
		error_respond(r, rc == ERR_NOT_FOUND ? 404 : 503,
		    rc == ERR_NOT_FOUND ? PROBLEM_NOT_FOUND : PROBLEM_UNAVAILABLE);
		return;
	}
	/* Asked without noting an access: offering the form writes nothing. */
	write = door_may(r, gr, PA_WRITE_NOTE, CAT_NOTES);

	buf_init(&b, &r->arena);
	layout_begin(r, &b, arena_printf(&r->arena, _("Journal notes about %s"),
	    p.display_name));
	html(&b, "<nav><a href=\"/persons/%s\">%s</a></nav>", id,
	    arena_printf(&r->arena, _("Back to %s"), p.display_name));
	html(&b, "<h1>%s</h1>", arena_printf(&r->arena, _("Journal notes about %s"),
	    p.display_name));
	if (v->message != NULL)
		html(&b, "<p class=\"notice\" role=\"status\">%s</p>", v->message);
	if (write)
		note_form(r, &b, id, &p, v);
	/* A page answering a mistake (422) is not written to the access log
	 * (server.c logs answers below 400), so it shows no notes. */
	if (status >= 400) {
		layout_end(r, &b, status);
		return;
	}
	html(&b, "<section aria-labelledby=\"s-notes\"><h2 id=\"s-notes\">%s</h2>",
	    _("Notes, newest first"));
	if (n == 0) {
		html(&b, "<p>%s</p>", _("There are no notes yet."));
	} else {
		html_raw(&b, "<ol class=\"notes\">");
		for (i = 0; i < n; i++)
			note_item(r, &b, &ns[i], &p);
		html_raw(&b, "</ol>");
	}
	html_raw(&b, "</section>");
	layout_end(r, &b, status);
}

void
web_notes(struct req *r)
{
	const char *id = req_param(r, 0);
	const char *saved = req_query(r, "saved");
	struct view v = {0};

	/* The person reads their notes on their own page, where restricted
	 * ones show without their words. */
	if (door_is_self(r, id)) {
		resp_redirect(r, 303, "/me/notes");
		return;
	}
	if (saved != NULL)
		v.message = _("The note is saved.");
	render(r, id, 200, &v);
}

struct create {
	const struct grant *gr;    /* the door's, to write a note */
	struct note n;
	struct note_form f;
	struct audit_entry *audit;
};

static int
write_note(struct store_tx *tx, void *arg)
{
	struct create *c = arg;
	int rc = store_tx_note_insert(tx, c->gr, &c->n);

	return rc ? rc : store_tx_audit_append(tx, c->audit);
}

static void
after_note(struct req *r, int rc)
{
	struct create *c = r->write_arg;

	if (rc != 0) {
		error_respond(r, 503, PROBLEM_UNAVAILABLE);
		return;
	}
	resp_redirect(r, 303, arena_printf(&r->arena, "/persons/%s/notes?saved=1#note-%s",
	    c->n.person_id, c->n.id));
}

void
web_note_create(struct req *r)
{
	const char *id = req_param(r, 0);
	struct decision d;
	const struct grant *gr = door_open(r, id, PA_WRITE_NOTE, CAT_NOTES, 0, &d);
	struct form_errors *e;
	struct create *c;
	struct view v = {0};
	enum lang l = LANG_EN;
	char *nid;

	if (gr == NULL) {
		door_refuse(r, &d, CAT_NOTES);
		return;
	}
	c = arena_alloc(&r->arena, sizeof(*c));
	c->gr = gr;
	e = arena_alloc(&r->arena, sizeof(*e));
	c->f.body = form_text(r, e, "body", true, NOTE_MAX);
	c->f.lang = req_form(r, "lang");
	if (c->f.lang == NULL || strlen(c->f.lang) != 2 || !lang_parse(c->f.lang, 2, &l))
		form_error(e, "lang", "invalid_choice");
	c->f.restricted = req_form(r, "restricted");
	if (c->f.restricted == NULL ||
	    (strcmp(c->f.restricted, "no") != 0 && strcmp(c->f.restricted, "yes") != 0))
		form_error(e, "restricted", "invalid_choice");
	c->n.restricted = c->f.restricted != NULL && strcmp(c->f.restricted, "yes") == 0;
	/* A reason counts only with a restriction (and is stored only then). */
	if (c->n.restricted)
		c->f.reason = form_text(r, e, "reason", true, REASON_MAX);
	else if ((c->f.reason = req_form(r, "reason")) == NULL)
		c->f.reason = "";
	if (e->n > 0) {
		v.f = &c->f;
		v.e = e;
		render(r, id, 422, &v);
		return;
	}
	nid = arena_alloc(&r->arena, ID_LEN + 1);
	id_new(nid);
	c->n.person_id = id;
	c->n.id = nid;
	c->n.author_id = r->actor->user.id;
	c->n.author_org_id = r->actor->org_id;
	c->n.body = c->f.body;
	c->n.body_lang = lang_code(l);
	c->n.restricted_reason = c->n.restricted ? c->f.reason : NULL;
	c->n.created_us = clock_now_us();
	c->audit = req_audit(r, "note.create", arena_printf(&r->arena, "person:%s", id),
	    arena_printf(&r->arena, "note:%s%s", nid, c->n.restricted ? " restricted" : ""));
	req_defer_write(r, write_note, c, after_note);
}

/* The relapse-prevention plan ("my plan for hard days") and the crisis
 * contacts, in the person's own words.
 *   GET  /persons/{id}/plan/relapse            whoever may read the plan;
 *                                              ?edit=plan or ?edit=contacts
 *                                              opens a form for whoever may
 *                                              co-write it
 *   POST /persons/{id}/plan/relapse            whoever may co-write the plan
 *                                              (the person, duty, consent)
 *   POST /persons/{id}/plan/relapse/contacts   the same: saves the whole list
 * The texts carry a version: a save that started from an older one is
 * refused with 409 and both texts shown, nothing lost. */
#include "web/relapse.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/clock.h"
#include "base/err.h"
#include "base/html.h"
#include "base/i18n.h"
#include "base/id.h"
#include "base/timefmt.h"
#include "base/utf8.h"
#include "core/actor.h"
#include "core/person.h"
#include "core/plan.h"
#include "http/request.h"
#include "http/response.h"
#include "http/session.h"
#include "store/audit.h"
#include "store/persons.h"
#include "store/plan.h"
#include "access/door.h"
#include "web/errors.h"
#include "web/forms.h"
#include "web/layout.h"
#include "web/phone.h"

#define PHONE_MAX 40          /* characters as typed */
#define PHONE_DIGITS_MIN 3    /* "112" */
#define PHONE_DIGITS_MAX 17   /* E.164 allows 15; a little slack */
#define NOTE_MAX_CHARS REASON_MAX

/* The plan's texts, strengths first: what helps and who to call come
 * before triggers and warning signs. */
enum field { F_HELPS, F_PEOPLE, F_TRIGGERS, F_SIGNS, F_LAPSE, F_COUNT };

static const struct {
	const char *name, *label, *hint;
} fields[F_COUNT] = {
	{"what_helps", N_("What helps me"),
	    N_("Things I can do, places I can go, what calms me down.")},
	{"people_to_call", N_("People I can call, and when"),
	    N_("Who to call, and at what times or in which situations.")},
	{"triggers", N_("My triggers"),
	    N_("Situations, people, feelings or times that make it harder for me.")},
	{"warning_signs", N_("My early warning signs"),
	    N_("What I, or the people around me, notice when things start to slip.")},
	{"if_i_lapse", N_("What I want others to do if I lapse"),
	    N_("How I want to be met, what helps me back, and who should be told.")},
};

static const char **
plan_field(struct relapse_plan *p, enum field f)
{
	switch (f) {
	case F_HELPS: return &p->what_helps;
	case F_PEOPLE: return &p->people_to_call;
	case F_TRIGGERS: return &p->triggers;
	case F_SIGNS: return &p->warning_signs;
	default: return &p->if_i_lapse;
	}
}

static const char *
plan_get(const struct relapse_plan *p, enum field f)
{
	return *plan_field((struct relapse_plan *)p, f);
}

/* What was typed into the plan's form. */
struct relapse_form {
	const char *text[F_COUNT];
	const char *lang;
	int64_t version;
};

/* The contacts' form: rows as typed, empty ones included. */
struct contact_row {
	const char *name, *phone, *note;
};
struct contacts_form {
	struct contact_row row[CRISIS_CONTACTS_MAX];
	size_t n;
};

enum mode { VIEW, EDIT_PLAN, EDIT_CONTACTS };

struct view {
	enum mode mode;
	const struct relapse_form *f;       /* NULL: from what is stored */
	const struct form_errors *e;
	const struct relapse_plan *theirs;  /* on a conflict: what is saved now */
	const struct contacts_form *cf;     /* NULL: from what is stored */
	const struct form_errors *ce;
	const char *message;
};

static bool
blank(const char *s)
{
	return s == NULL || s[strspn(s, " \t\r\n")] == '\0';
}

static bool
same_text(const char *a, const char *b)
{
	if (blank(a) || blank(b))
		return blank(a) && blank(b);
	return strcmp(a, b) == 0;
}

/* s without leading and trailing white space, in the arena. */
static const char *
trim(struct req *r, const char *s)
{
	size_t n;

	s += strspn(s, " \t\r\n");
	n = strlen(s);
	while (n > 0 && strchr(" \t\r\n", s[n - 1]) != NULL)
		n--;
	return arena_strndup(&r->arena, s, n);
}

/* A phone number as people write it: digits, spaces, + - ( ); a + only
 * first; at least three digits ("112"). */
static bool
phone_valid(const char *s)
{
	size_t digits = 0, i;

	if (strspn(s, "0123456789 +-()") != strlen(s))
		return false;
	for (i = 0; s[i]; i++) {
		if (s[i] >= '0' && s[i] <= '9')
			digits++;
		else if (s[i] == '+' && i != strspn(s, " "))
			return false;
	}
	return digits >= PHONE_DIGITS_MIN && digits <= PHONE_DIGITS_MAX;
}


static const char *
viewer_zone(struct req *r, const struct person *p)
{
	if (r->actor->org_time_zone != NULL)
		return r->actor->org_time_zone;
	return p->time_zone;
}

static const char *
shown_name(const struct person *p)
{
	return p->preferred_name != NULL && *p->preferred_name ? p->preferred_name :
	    p->display_name;
}

/* The plan, to read. */
static void
plan_read(struct req *r, struct buf *b, const struct person *p,
    const struct relapse_plan *rp, bool edit, bool self)
{
	int f;

	if (rp->version == 0) {
		html(b, "<p>%s</p>", self ?
		    _("You have not written your plan yet. It helps to think about it on a "
		      "good day, with someone you trust.") :
		    _("Nothing has been written yet."));
	} else {
		for (f = 0; f < F_COUNT; f++) {
			const char *t = plan_get(rp, (enum field)f);

			html(b, "<section class=\"relapse-part\" aria-labelledby=\"s-%s\">"
			    "<h2 id=\"s-%s\">%s</h2>", fields[f].name, fields[f].name,
			    _(fields[f].label));
			if (blank(t))
				html(b, "<p class=\"small\">%s</p>", _("Nothing written yet."));
			else
				layout_own_words(r, b, t, rp->text_lang);
			html_raw(b, "</section>");
		}
		html(b, "<p class=\"small\">%s</p>", arena_printf(&r->arena,
		    _("Last changed on %s."), timefmt_instant(&r->arena, rp->updated_us,
		    viewer_zone(r, p), r->lang, TIMEFMT_DATETIME)));
	}
	if (edit)
		html(b, "<p><a class=\"button\" href=\"/persons/%s/plan/relapse?edit=plan#plan\">"
		    "%s</a></p>", p->id, rp->version == 0 ? (self ? _("Write my plan") :
		    _("Write the plan")) : (self ? _("Change my plan") : _("Change the plan")));
}

/* On a conflict: every text where what is saved now and what was typed
 * differ, side by side. */
static void
conflict(struct req *r, struct buf *b, const struct relapse_plan *theirs,
    const struct relapse_form *mine)
{
	int f;

	html(b, "<div class=\"error-summary\" role=\"alert\" tabindex=\"-1\"><h2>%s</h2>"
	    "<p>%s</p></div>", _("Someone else changed this while you were writing"),
	    _("Nothing is lost: what is saved now and what you wrote are both below. "
	      "Your text is in the form; check it against theirs, then save again."));
	for (f = 0; f < F_COUNT; f++) {
		const char *t = plan_get(theirs, (enum field)f), *m = mine->text[f];

		if (same_text(t, m))
			continue;
		html(b, "<section class=\"compare\" aria-labelledby=\"c-%s\"><h3 id=\"c-%s\">"
		    "%s</h3><div class=\"theirs\"><h4>%s</h4>", fields[f].name, fields[f].name,
		    _(fields[f].label), _("Saved now"));
		if (blank(t))
			html(b, "<p><em>%s</em></p>", _("(empty)"));
		else
			layout_own_words(r, b, t, theirs->text_lang);
		html(b, "</div><div class=\"mine\"><h4>%s</h4>", _("Yours"));
		if (blank(m))
			html(b, "<p><em>%s</em></p>", _("(empty)"));
		else
			layout_own_words(r, b, m, mine->lang);
		html_raw(b, "</div></section>");
	}
}

static void
plan_form(struct req *r, struct buf *b, const struct person *p,
    const struct relapse_form *f, const struct form_errors *e, bool self)
{
	static const char *const langs[] = {"en", "nl", "da"};
	const char *lang_labels[] = {lang_endonym(LANG_EN), lang_endonym(LANG_NL),
		lang_endonym(LANG_DA)};
	int i;

	form_begin(r, b, arena_printf(&r->arena, "/persons/%s/plan/relapse", p->id), e);
	html(b, "<input type=\"hidden\" name=\"version\" value=\"%s\">",
	    arena_printf(&r->arena, "%lld", (long long)f->version));
	if (!self)
		html(b, "<p class=\"hint\">%s</p>", arena_printf(&r->arena,
		    _("Write it with %s, in their words."), shown_name(p)));
	for (i = 0; i < F_COUNT; i++)
		form_textarea(b, fields[i].name, _(fields[i].label), f->text[i],
		    _(fields[i].hint), e);
	form_select(b, "text_lang", _("Language of the text"), langs, lang_labels, 3,
	    f->lang, e);
	form_end(b, self ? _("Save my plan") : _("Save the plan"));
	html(b, "<p><a href=\"/persons/%s/plan/relapse\">%s</a></p>", p->id,
	    _("Back without saving"));
}

/* The contacts as big buttons that call. lang: the plan's language, which
 * the notes are written in. */
static void
contacts_read(struct req *r, struct buf *b, const struct crisis_contact *cs, size_t n,
    const char *lang)
{
	size_t i;

	html_raw(b, "<ul class=\"crisis-contacts\">");
	for (i = 0; i < n; i++) {
		html_raw(b, "<li>");
		phone_call_button(b, &r->arena, cs[i].name, cs[i].phone);
		if (!blank(cs[i].note) && lang != NULL)
			html(b, "<p class=\"when-to-call\" lang=\"%s\">%s</p>", lang, cs[i].note);
		else if (!blank(cs[i].note))
			html(b, "<p class=\"when-to-call\">%s</p>", cs[i].note);
		html_raw(b, "</li>");
	}
	html_raw(b, "</ul>");
}

static void
contacts_form(struct req *r, struct buf *b, const struct person *p,
    const struct contacts_form *cf, const struct form_errors *e, bool self)
{
	size_t i;

	form_begin(r, b, arena_printf(&r->arena, "/persons/%s/plan/relapse/contacts", p->id),
	    e);
	html(b, "<p class=\"hint\">%s</p>", arena_printf(&r->arena,
	    _("Up to %d people or numbers. Leave a row empty to remove it."),
	    CRISIS_CONTACTS_MAX));
	for (i = 0; i < cf->n; i++) {
		const struct contact_row *row = &cf->row[i];

		html(b, "<fieldset class=\"contact-row\"><legend>%s</legend>",
		    arena_printf(&r->arena, _("Contact %zu"), i + 1));
		form_input(b, arena_printf(&r->arena, "name_%zu", i), _("Name"), "text",
		    row->name, "off", i == 0 && self ?
		    _("For example: my sponsor, my sister, the emergency line.") : NULL, e);
		form_input(b, arena_printf(&r->arena, "phone_%zu", i), _("Phone number"), "tel",
		    row->phone, "off", i == 0 ? _("Digits, spaces and + - ( ) only.") : NULL, e);
		form_input(b, arena_printf(&r->arena, "note_%zu", i), _("When to call"), "text",
		    row->note, "off", NULL, e);
		html_raw(b, "</fieldset>");
	}
	form_end(b, _("Save the list"));
	html(b, "<p><a href=\"/persons/%s/plan/relapse#contacts\">%s</a></p>", p->id,
	    _("Back without saving"));
}

static void
render(struct req *r, const char *id, unsigned status, const struct view *v)
{
	struct decision d;
	const struct grant *gr = door_open(r, id, PA_READ, CAT_PLAN, CAT_BIT(CAT_SUBSTANCE), &d);
	struct crisis_contact *cs = NULL;
	struct relapse_plan rp;
	struct relapse_form sf;
	struct contacts_form scf;
	struct person p;
	size_t n = 0, i;
	enum mode mode = v->mode;
	bool edit, edit_contacts, self, shared;
	const char *title;
	struct buf b;
	int rc, f;

	if (gr == NULL) {
		door_refuse(r, &d, CAT_PLAN);
		return;
	}
	/* Triggers, places and people are substance-use details: without
	 * them only the crisis contacts the person shares are read. */
	if ((rc = store_person_get(req_store(r), &r->arena, gr, &p)) != 0 ||
	    (rc = store_relapse_plan(req_store(r), &r->arena, gr, &rp)) < 0 ||
	    (rc = store_crisis_contacts(req_store(r), &r->arena, gr, &cs, &n)) != 0) {
		error_respond(r, rc == ERR_NOT_FOUND ? 404 : 503,
		    rc == ERR_NOT_FOUND ? PROBLEM_NOT_FOUND : PROBLEM_UNAVAILABLE);
		return;
	}
	shared = grant_covers(gr, CAT_SUBSTANCE);
	/* Asked without noting an access: offering a form writes nothing. */
	self = grant_is_self(gr);
	edit = shared && door_may(r, gr, PA_EDIT_PLAN, CAT_SUBSTANCE);
	edit_contacts = door_may(r, gr, PA_EDIT_PLAN, CAT_PLAN);
	if ((mode == EDIT_PLAN && !edit) || (mode == EDIT_CONTACTS && !edit_contacts))
		mode = VIEW;

	buf_init(&b, &r->arena);
	title = self ? _("My plan for hard days") :
	    arena_printf(&r->arena, _("Plan for hard days: %s"), shown_name(&p));
	layout_begin(r, &b, title);
	html(&b, "<nav><a href=\"/persons/%s/plan\">%s</a></nav>", id,
	    self ? _("Back to my plan") : arena_printf(&r->arena, _("Back to the plan of %s"),
	    shown_name(&p)));
	html(&b, "<h1>%s</h1><p class=\"lead\">%s</p>", title, self ?
	    _("My relapse-prevention plan: what helps me, what to watch for, and who to "
	      "call.") :
	    _("Their relapse-prevention plan, in their own words: what helps, what to watch "
	      "for, and who to call."));
	if (v->message != NULL)
		html(&b, "<p class=\"notice\" role=\"status\">%s</p>", v->message);

	html(&b, "<div id=\"plan\">");
	if (mode == EDIT_PLAN) {
		if (v->f == NULL) {
			memset(&sf, 0, sizeof(sf));
			for (f = 0; f < F_COUNT; f++)
				sf.text[f] = plan_get(&rp, (enum field)f);
			sf.lang = rp.text_lang ? rp.text_lang : p.lang ? p.lang : lang_code(r->lang);
			sf.version = rp.version;
		}
		if (v->theirs != NULL)
			conflict(r, &b, v->theirs, v->f);
		plan_form(r, &b, &p, v->f ? v->f : &sf, v->e, self);
	} else if (shared) {
		plan_read(r, &b, &p, &rp, edit, self);
	} else {
		html(&b, "<p>%s</p>", _("The rest of this plan is about alcohol and drugs, "
		    "which the person has not shared with you."));
	}
	html_raw(&b, "</div>");

	html(&b, "<section id=\"contacts\" class=\"crisis\" aria-labelledby=\"s-contacts\">"
	    "<h2 id=\"s-contacts\">%s</h2>", self ? _("Who I call when I need help now") :
	    _("Who to call when they need help now"));
	if (n > 0)
		contacts_read(r, &b, cs, n, rp.text_lang);
	else
		html(&b, "<p>%s</p>", self ? _("You have not added anyone yet.") :
		    _("Nobody has been added yet."));
	if (mode == EDIT_CONTACTS) {
		if (v->cf == NULL) {
			memset(&scf, 0, sizeof(scf));
			for (i = 0; i < n && i < CRISIS_CONTACTS_MAX; i++) {
				scf.row[i].name = cs[i].name;
				scf.row[i].phone = cs[i].phone;
				scf.row[i].note = cs[i].note;
			}
			/* Room for more: two empty rows (three when there are none). */
			scf.n = i + (i == 0 ? 3 : 2);
			if (scf.n > CRISIS_CONTACTS_MAX)
				scf.n = CRISIS_CONTACTS_MAX;
		}
		html(&b, "<h3>%s</h3>", self ? _("Change who I call") : _("Change who to call"));
		contacts_form(r, &b, &p, v->cf ? v->cf : &scf, v->ce, self);
	} else if (edit_contacts) {
		html(&b, "<p><a class=\"button secondary\" "
		    "href=\"/persons/%s/plan/relapse?edit=contacts#contacts\">%s</a></p>", id,
		    n > 0 ? _("Change the list") : _("Add people to call"));
	}
	html_raw(&b, "</section>");
	html(&b, "<p><a href=\"/persons/%s/plan/print\">%s</a></p>", id,
	    _("Print the plan"));
	layout_end(r, &b, status);
}

void
web_relapse(struct req *r)
{
	const char *id = req_param(r, 0);
	const char *edit = req_query(r, "edit"), *saved = req_query(r, "saved");
	struct view v = {0};

	if (edit != NULL && strcmp(edit, "plan") == 0)
		v.mode = EDIT_PLAN;
	else if (edit != NULL && strcmp(edit, "contacts") == 0)
		v.mode = EDIT_CONTACTS;
	if (saved != NULL && strcmp(saved, "contacts") == 0)
		v.message = _("The list of people to call is saved.");
	else if (saved != NULL)
		v.message = _("The plan is saved.");
	render(r, id, 200, &v);
}

/* Saving the plan */

struct plan_save {
	const struct grant *g;
	struct relapse_plan p;
	struct relapse_form f;
	struct plan_author by;
	struct audit_entry *audit;
};

static int
write_plan(struct store_tx *tx, void *arg)
{
	struct plan_save *c = arg;
	int rc = store_tx_relapse_plan_save(tx, c->g, &c->p, c->f.version, &c->by);

	return rc ? rc : store_tx_audit_append(tx, c->audit);
}

static void
after_plan(struct req *r, int rc)
{
	struct plan_save *c = r->write_arg;
	struct relapse_plan *now;
	struct view v = {0};

	if (rc == ERR_CONFLICT) {
		now = arena_alloc(&r->arena, sizeof(*now));
		if (store_relapse_plan(req_store(r), &r->arena, c->g, now) != 0) {
			error_respond(r, 503, PROBLEM_UNAVAILABLE);
			return;
		}
		/* Saving again overwrites what is saved now, knowingly. */
		c->f.version = now->version;
		v.mode = EDIT_PLAN;
		v.f = &c->f;
		v.theirs = now;
		render(r, c->p.person_id, 409, &v);
		return;
	}
	if (rc != 0) {
		error_respond(r, 503, PROBLEM_UNAVAILABLE);
		return;
	}
	resp_redirect(r, 303, arena_printf(&r->arena, "/persons/%s/plan/relapse?saved=1",
	    c->p.person_id));
}

/* A textarea as typed, with browsers' "\r\n" as "\n" (so an unchanged
 * text compares equal to what is stored), at most max characters. */
static const char *
text_field(struct req *r, struct form_errors *e, const char *name, size_t max)
{
	const char *v = form_text(r, e, name, false, 2 * max);
	char *out = arena_alloc(&r->arena, strlen(v) + 1), *w = out;

	for (; *v; v++)
		if (*v != '\r')
			*w++ = *v;
		else if (v[1] != '\n')
			*w++ = '\n';
	*w = '\0';
	if (utf8_count(out, (size_t)(w - out)) > max)
		form_error(e, name, "too_long");
	return out;
}

/* The hidden version: digits only. */
static bool
parse_version(const char *s, int64_t *out)
{
	char *end;
	long long v;

	if (s == NULL || *s == '\0' || strlen(s) > 18 || strspn(s, "0123456789") != strlen(s))
		return false;
	errno = 0;
	v = strtoll(s, &end, 10);
	if (errno != 0 || *end != '\0')
		return false;
	*out = v;
	return true;
}

void
web_relapse_save(struct req *r)
{
	const char *id = req_param(r, 0);
	struct decision d;
	/* The relapse-prevention plan is substance-use details. */
	const struct grant *gr = door_open(r, id, PA_EDIT_PLAN, CAT_SUBSTANCE, 0, &d);
	struct form_errors *e;
	struct plan_save *c;
	struct view v = {0};
	struct buf detail;
	struct relapse_plan cur;
	enum lang l = LANG_EN;
	int f;

	if (gr == NULL) {
		door_refuse(r, &d, CAT_SUBSTANCE);
		return;
	}
	c = arena_alloc(&r->arena, sizeof(*c));
	c->g = gr;
	e = arena_alloc(&r->arena, sizeof(*e));
	if (!parse_version(req_form(r, "version"), &c->f.version)) {
		error_respond(r, 400, PROBLEM_BAD_REQUEST);
		return;
	}
	for (f = 0; f < F_COUNT; f++)
		c->f.text[f] = text_field(r, e, fields[f].name, PLAN_TEXT_MAX);
	c->f.lang = req_form(r, "text_lang");
	if (c->f.lang == NULL || strlen(c->f.lang) != 2 || !lang_parse(c->f.lang, 2, &l))
		form_error(e, "text_lang", "invalid_choice");
	if (e->n > 0) {
		v.mode = EDIT_PLAN;
		v.f = &c->f;
		v.e = e;
		render(r, id, 422, &v);
		return;
	}
	/* The audit names the fields that change, never their words. */
	if (store_relapse_plan(req_store(r), &r->arena, gr, &cur) != 0) {
		error_respond(r, 503, PROBLEM_UNAVAILABLE);
		return;
	}
	buf_init(&detail, &r->arena);
	c->p.person_id = id;
	for (f = 0; f < F_COUNT; f++) {
		*plan_field(&c->p, (enum field)f) = blank(c->f.text[f]) ? NULL : c->f.text[f];
		if (!same_text(plan_get(&cur, (enum field)f), c->f.text[f])) {
			if (detail.len > 0)
				buf_puts(&detail, ",");
			buf_puts(&detail, fields[f].name);
		}
	}
	c->p.text_lang = lang_code(l);
	c->by.user_id = r->actor->user.id;
	c->by.org_id = r->actor->org_id;
	c->by.now = clock_now_us();
	c->audit = req_audit(r, "plan.relapse.save", arena_printf(&r->arena, "person:%s", id),
	    detail.len > 0 ? detail.data : NULL);
	req_defer_write(r, write_plan, c, after_plan);
}

/* Saving the crisis contacts */

struct contacts_save {
	const struct grant *gr;    /* the door's, to write the plan */
	const char *person_id;
	struct crisis_contact list[CRISIS_CONTACTS_MAX];
	size_t n;
	struct plan_author by;
	struct audit_entry *audit;
};

static int
write_contacts(struct store_tx *tx, void *arg)
{
	struct contacts_save *c = arg;
	int rc = store_tx_crisis_contacts_set(tx, c->gr, c->person_id, c->list, c->n, &c->by);

	return rc ? rc : store_tx_audit_append(tx, c->audit);
}

static void
after_contacts(struct req *r, int rc)
{
	struct contacts_save *c = r->write_arg;

	if (rc != 0) {
		error_respond(r, 503, PROBLEM_UNAVAILABLE);
		return;
	}
	resp_redirect(r, 303, arena_printf(&r->arena,
	    "/persons/%s/plan/relapse?saved=contacts#contacts", c->person_id));
}

void
web_crisis_contacts_save(struct req *r)
{
	const char *id = req_param(r, 0);
	struct decision d;
	const struct grant *gr = door_open(r, id, PA_EDIT_PLAN, CAT_PLAN, 0, &d);
	struct contacts_form *cf;
	struct contacts_save *c;
	struct form_errors *e;
	struct view v = {0};
	size_t i, last = 0;

	if (gr == NULL) {
		door_refuse(r, &d, CAT_PLAN);
		return;
	}
	cf = arena_alloc(&r->arena, sizeof(*cf));
	c = arena_alloc(&r->arena, sizeof(*c));
	c->gr = gr;
	e = arena_alloc(&r->arena, sizeof(*e));
	for (i = 0; i < CRISIS_CONTACTS_MAX; i++) {
		const char *fn = arena_printf(&r->arena, "name_%zu", i);
		const char *fp = arena_printf(&r->arena, "phone_%zu", i);
		const char *fo = arena_printf(&r->arena, "note_%zu", i);
		struct contact_row *row = &cf->row[i];

		row->name = trim(r, form_text(r, e, fn, false, FIELD_MAX));
		row->phone = trim(r, form_text(r, e, fp, false, PHONE_MAX));
		row->note = trim(r, form_text(r, e, fo, false, NOTE_MAX_CHARS));
		if (*row->name == '\0' && *row->phone == '\0' && *row->note == '\0')
			continue;          /* an empty row: nothing, or removed */
		last = i + 1;
		if (*row->name == '\0')
			form_error(e, fn, "required");
		if (*row->phone == '\0')
			form_error(e, fp, "required");
		else if (!phone_valid(row->phone))
			form_error(e, fp, "invalid_phone");
		if (form_error_at(e, fn) == NULL && form_error_at(e, fp) == NULL &&
		    form_error_at(e, fo) == NULL) {
			struct crisis_contact *k = &c->list[c->n];
			char *kid = arena_alloc(&r->arena, ID_LEN + 1);

			id_new(kid);
			k->person_id = id;
			k->id = kid;
			k->name = row->name;
			k->phone = row->phone;
			k->note = *row->note != '\0' ? row->note : NULL;
			k->position = (int)c->n;
			c->n++;
		}
	}
	if (e->n > 0) {
		/* The rows as typed, and one more to fill in. */
		cf->n = last < CRISIS_CONTACTS_MAX ? last + 1 : CRISIS_CONTACTS_MAX;
		v.mode = EDIT_CONTACTS;
		v.cf = cf;
		v.ce = e;
		render(r, id, 422, &v);
		return;
	}
	c->person_id = id;
	c->by.user_id = r->actor->user.id;
	c->by.org_id = r->actor->org_id;
	c->by.now = clock_now_us();
	c->audit = req_audit(r, "plan.contacts.save", arena_printf(&r->arena, "person:%s", id),
	    arena_printf(&r->arena, "%zu", c->n));
	req_defer_write(r, write_contacts, c, after_contacts);
}

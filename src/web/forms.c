#include "web/forms.h"

#include <string.h>

#include "base/buf.h"
#include "base/html.h"
#include "base/i18n.h"
#include "base/utf8.h"
#include "http/request.h"
#include "http/session.h"

void
form_error(struct form_errors *e, const char *field, const char *code)
{
	if (e->n >= FORM_MAX_ERRORS || form_error_at(e, field) != NULL)
		return;
	e->field[e->n] = field;
	e->code[e->n] = code;
	e->n++;
}

const char *
form_error_at(const struct form_errors *e, const char *field)
{
	size_t i;

	if (e == NULL)
		return NULL;
	for (i = 0; i < e->n; i++)
		if (strcmp(e->field[i], field) == 0)
			return e->code[i];
	return NULL;
}

const char *
form_error_text(const char *code)
{
	if (strcmp(code, "required") == 0)
		return _("Please fill this in.");
	if (strcmp(code, "too_long") == 0)
		return _("This is too long. Please shorten it.");
	if (strcmp(code, "too_short") == 0)
		return _("This is too short.");
	if (strcmp(code, "invalid_format") == 0)
		return _("This contains characters or a form we cannot use. Please check it.");
	if (strcmp(code, "out_of_range") == 0)
		return _("Please give a whole number within the limits shown.");
	if (strcmp(code, "bad_time") == 0)
		return _("Please give a time as HH:MM, for example 09:30, or leave both empty.");
	if (strcmp(code, "not_web_address") == 0)
		return _("Please give a web address that starts with https:// or http://.");
	if (strcmp(code, "common") == 0)
		return _("This password is too common or too easy to guess. "
		    "A few unrelated words make a strong one.");
	if (strcmp(code, "mismatch") == 0)
		return _("The two passwords are not the same.");
	if (strcmp(code, "wrong_password") == 0)
		return _("That is not your current password.");
	if (strcmp(code, "taken") == 0)
		return _("This name is already in use. Please choose another.");
	if (strcmp(code, "unknown_zone") == 0)
		return _("We do not know this time zone. Use a name like Europe/Copenhagen.");
	if (strcmp(code, "wrong_code") == 0)
		return _("This code is not right, or it was used already. Wait for the next "
		    "code in your app, or use one of your recovery codes.");
	if (strcmp(code, "wrong_signin") == 0)
		return _("The user name or the password is not right.");
	if (strcmp(code, "unreachable") == 0)
		return _("There is no e-mail address or phone number for this person, so they "
		    "cannot be told.");
	if (strcmp(code, "too_many") == 0)
		return _("You can choose at most 10 people.");
	if (strcmp(code, "bad_month") == 0)
		return _("Please give a month as YYYY-MM, for example 2026-03.");
	if (strcmp(code, "bad_period") == 0)
		return _("The last month must not come before the first, and a report covers "
		    "at most 10 years.");
	if (strcmp(code, "invalid_choice") == 0)
		return _("Please choose one of the options.");
	if (strcmp(code, "invalid_date") == 0)
		return _("Please give a real date as year-month-day, for example 1990-01-31.");
	if (strcmp(code, "future_date") == 0)
		return _("This date is in the future.");
	if (strcmp(code, "too_old") == 0)
		return _("This date is too long ago: at most a year.");
	if (strcmp(code, "already_running") == 0)
		return _("This pathway is already offered or under way.");
	if (strcmp(code, "unchanged") == 0)
		return _("This is what it is already.");
	if (strcmp(code, "invalid_email") == 0)
		return _("This does not look like an e-mail address, for example name@example.org.");
	if (strcmp(code, "invalid_national_id") == 0)
		return _("Use only digits and dashes, at most 20 characters.");
	if (strcmp(code, "invalid_phone") == 0)
		return _("Please give a phone number: digits, spaces and + - ( ) only, "
		    "for example +45 33 12 34 56.");
	if (strcmp(code, "invalid_time") == 0)
		return _("Please give a time as HH:MM, for example 09:30.");
	if (strcmp(code, "skipped_time") == 0)
		return _("The clocks skip this time on that day (summer time begins). "
		    "Please choose another time.");
	if (strcmp(code, "not_https") == 0)
		return _("Please give a video link that starts with https://.");
	if (strcmp(code, "before_start") == 0)
		return _("The last date cannot be before the first.");
	if (strcmp(code, "place_or_video") == 0)
		return _("Please give a place, a video link, or both.");
	if (strcmp(code, "illegal_transition") == 0)
		return _("This cannot be done now. Please choose one of the options.");
	return _("Please check this.");
}

const char *
form_text(struct req *r, struct form_errors *e, const char *name, bool required,
    size_t max_chars)
{
	const char *v = req_form(r, name);
	size_t n;

	if (v == NULL)
		v = "";
	n = strlen(v);
	if (req_form_bad(r, name) || !utf8_valid_text(v, n))
		form_error(e, name, "invalid_format");
	else if (required && strspn(v, " \t\r\n") == n)
		form_error(e, name, "required");
	else if (utf8_count(v, n) > max_chars)
		form_error(e, name, "too_long");
	return v;
}

void
form_csrf(struct req *r, struct buf *b)
{
	html(b, "<input type=\"hidden\" name=\"csrf\" value=\"%s\">", session_form_token(r));
}

void
form_begin(struct req *r, struct buf *b, const char *action, const struct form_errors *e)
{
	size_t i;

	if (e != NULL && e->n > 0) {
		html(b, "<div class=\"error-summary\" role=\"alert\" tabindex=\"-1\">"
		    "<h2>%s</h2><ul>", _("Please check the form"));
		for (i = 0; i < e->n; i++)
			html(b, "<li><a href=\"#f-%s\">%s</a></li>", e->field[i],
			    form_error_text(e->code[i]));
		html_raw(b, "</ul></div>");
	}
	html(b, "<form method=\"post\" action=\"%s\" novalidate>", action);
	form_csrf(r, b);
}

void
form_end(struct buf *b, const char *submit_label)
{
	html(b, "<p><button type=\"submit\" class=\"button\">%s</button></p></form>",
	    submit_label);
}

static void
field_start(struct buf *b, const char *name, const char *label, const char *hint,
    const char *err)
{
	html(b, "<div class=\"field%s\"><label for=\"f-%s\">%s</label>",
	    err ? " has-error" : "", name, label);
	if (hint != NULL)
		html(b, "<p class=\"hint\" id=\"h-%s\">%s</p>", name, hint);
	if (err != NULL)
		html(b, "<p class=\"field-error\" id=\"e-%s\">%s</p>", name, form_error_text(err));
}

static void
described_by(struct buf *b, const char *name, const char *hint, const char *err)
{
	if (hint == NULL && err == NULL)
		return;
	html_raw(b, " aria-describedby=\"");
	if (hint != NULL)
		html(b, "h-%s", name);
	if (hint != NULL && err != NULL)
		html_raw(b, " ");
	if (err != NULL)
		html(b, "e-%s", name);
	html_raw(b, "\"");
	if (err != NULL)
		html_raw(b, " aria-invalid=\"true\"");
}

void
form_input(struct buf *b, const char *name, const char *label, const char *type,
    const char *value, const char *autocomplete, const char *hint,
    const struct form_errors *e)
{
	const char *err = form_error_at(e, name);

	field_start(b, name, label, hint, err);
	html(b, "<input id=\"f-%s\" name=\"%s\" type=\"%s\"", name, name, type);
	if (value != NULL && strcmp(type, "password") != 0)
		html(b, " value=\"%s\"", value);
	if (autocomplete != NULL)
		html(b, " autocomplete=\"%s\"", autocomplete);
	described_by(b, name, hint, err);
	html_raw(b, "></div>");
}

void
form_select(struct buf *b, const char *name, const char *label,
    const char *const *values, const char *const *labels, size_t n,
    const char *selected, const struct form_errors *e)
{
	const char *err = form_error_at(e, name);
	size_t i;

	field_start(b, name, label, NULL, err);
	html(b, "<select id=\"f-%s\" name=\"%s\"", name, name);
	described_by(b, name, NULL, err);
	html_raw(b, ">");
	for (i = 0; i < n; i++) {
		if (selected != NULL && strcmp(selected, values[i]) == 0)
			html(b, "<option value=\"%s\" selected>%s</option>", values[i], labels[i]);
		else
			html(b, "<option value=\"%s\">%s</option>", values[i], labels[i]);
	}
	html_raw(b, "</select></div>");
}

void
form_textarea(struct buf *b, const char *name, const char *label, const char *value,
    const char *hint, const struct form_errors *e)
{
	const char *err = form_error_at(e, name);

	field_start(b, name, label, hint, err);
	html(b, "<textarea id=\"f-%s\" name=\"%s\" rows=\"8\"", name, name);
	described_by(b, name, hint, err);
	/* A newline right after the tag is dropped by the parser, so one that
	 * begins the value survives. */
	html(b, ">\n%s</textarea></div>", value != NULL ? value : "");
}

void
form_date(struct buf *b, const char *name, const char *label, const char *value,
    const char *autocomplete, const char *hint, const struct form_errors *e)
{
	form_input(b, name, label, "date", value, autocomplete, hint, e);
}

void
form_button(struct req *r, struct buf *b, const char *action, const char *label,
    const char *css_class)
{
	html(b, "<form method=\"post\" action=\"%s\" class=\"inline\">", action);
	form_csrf(r, b);
	html(b, "<button type=\"submit\" class=\"%s\">%s</button></form>",
	    css_class ? css_class : "button", label);
}

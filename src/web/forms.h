/* Form building blocks that escape inside and keep what was typed.
 * For page handlers in web/; POST forms get their CSRF field here. */
#ifndef ROSC_FORMS_H
#define ROSC_FORMS_H

/* A form with its CSRF field, labelled inputs with their error message tied to
 * the field (aria-describedby, aria-invalid), selects, and an error
 * summary at the top that links to each field. */

#include <stdbool.h>
#include <stddef.h>

struct buf;
struct req;

#define FORM_MAX_ERRORS 16

struct form_errors {
	size_t n;
	const char *field[FORM_MAX_ERRORS];
	const char *code[FORM_MAX_ERRORS];   /* "required", "too_long", ... */
};

/* Records an error at a field (the first one per field wins). */
void form_error(struct form_errors *e, const char *field, const char *code);
/* The code for a field, or NULL. */
const char *form_error_at(const struct form_errors *e, const char *field);
/* A sentence for a code, in the thread's language. */
const char *form_error_text(const char *code);

/* Reads a text field: trims nothing, but records "invalid_format" if it
 * arrived as invalid UTF-8, "required" if empty and required, "too_long"
 * if over max characters. Returns the value (never NULL). */
const char *form_text(struct req *r, struct form_errors *e, const char *name,
    bool required, size_t max_chars);

/* <form method="post" action="ACTION" novalidate> with the CSRF field, and
 * the error summary when there are errors. */
void form_begin(struct req *r, struct buf *b, const char *action,
    const struct form_errors *e);
/* A submit button and </form>. */
void form_end(struct buf *b, const char *submit_label);
/* Just the hidden CSRF field (for one-button forms). */
void form_csrf(struct req *r, struct buf *b);

/* A labelled input. type: "text", "password", "email", "search"...
 * value is shown again (never for passwords). hint may be NULL. */
void form_input(struct buf *b, const char *name, const char *label, const char *type,
    const char *value, const char *autocomplete, const char *hint,
    const struct form_errors *e);

/* A labelled select; values[i] is sent, labels[i] shown. */
void form_select(struct buf *b, const char *name, const char *label,
    const char *const *values, const char *const *labels, size_t n,
    const char *selected, const struct form_errors *e);

/* A labelled textarea; value is shown again. hint may be NULL. */
void form_textarea(struct buf *b, const char *name, const char *label, const char *value,
    const char *hint, const struct form_errors *e);

/* A labelled date input (type="date": the browser sends YYYY-MM-DD);
 * value is shown again as typed. hint may be NULL. */
void form_date(struct buf *b, const char *name, const char *label, const char *value,
    const char *autocomplete, const char *hint, const struct form_errors *e);

/* A form with just a button (sign out, disable): POSTs to action. */
void form_button(struct req *r, struct buf *b, const char *action, const char *label,
    const char *css_class);

#endif

/* Storage for pathway templates (0015_pathway_templates.sql): each
 * version a row that never changes. Templates describe programmes, not
 * persons: no grant. Returns 0, ERR_NOT_FOUND, ERR_CONFLICT (that
 * version exists) or ERR_DB. */
#ifndef ROSC_STORE_PATHWAYS_H
#define ROSC_STORE_PATHWAYS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/i18n.h"

struct arena;
struct pw_template;
struct store;
struct store_tx;

struct pathway_template_row {
	const char *id, *code, *org_id, *country, *name[LANG_COUNT], *body, *created_by;
	const char *org_name;        /* read only */
	int version, phases, total_days, start_within_days;
	int64_t created_us;
};

/* Every template, by code and then version, newest first; latest_only:
 * the newest version of each (per organisation). */
int store_pathway_templates(struct store *s, struct arena *a, bool latest_only,
    struct pathway_template_row **out, size_t *n);
int store_pathway_template_get(struct store *s, struct arena *a, const char *id,
    struct pathway_template_row *out);
/* The newest version of code, of org_id (NULL: shipped with rosc). */
int store_pathway_template_latest(struct store *s, struct arena *a, const char *org_id,
    const char *code, struct pathway_template_row *out);
/* The row for a parsed template t: a new id, the columns lists need, the
 * body written canonically (pw_write), made now; org_id and created_by
 * are left NULL for the caller. Strings in a, or borrowed from t.
 * Returns 0 or ERR_NOMEM. */
int store_pathway_template_row(struct arena *a, const struct pw_template *t,
    struct pathway_template_row *out);
/* A new version; ERR_CONFLICT if that version of that code (of that
 * organisation) exists. */
int store_tx_pathway_template_insert(struct store_tx *tx, const struct pathway_template_row *x);

#endif

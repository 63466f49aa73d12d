/* Storage for questionnaire definitions (0017_questionnaires.sql): each
 * version a row that never changes (a trigger refuses an UPDATE).
 * Definitions describe instruments, not persons: no grant. Returns 0,
 * ERR_NOT_FOUND, ERR_CONFLICT (that version exists) or ERR_DB. */
#ifndef ROSC_STORE_QUESTIONNAIRES_H
#define ROSC_STORE_QUESTIONNAIRES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/i18n.h"

struct arena;
struct q_definition;
struct store;
struct store_tx;

struct questionnaire_row {
	const char *id, *code, *name[LANG_COUNT], *body, *created_by;
	const char *languages;       /* the official ones, as "en" or "en,da" */
	int version, items, score_min, score_max;
	int64_t created_us;
};

/* Every definition, by code and then version, newest first; latest_only:
 * the newest version of each. */
int store_questionnaires(struct store *s, struct arena *a, bool latest_only,
    struct questionnaire_row **out, size_t *n);
int store_questionnaire_get(struct store *s, struct arena *a, const char *id,
    struct questionnaire_row *out);
/* The newest version of code. */
int store_questionnaire_latest(struct store *s, struct arena *a, const char *code,
    struct questionnaire_row *out);
/* The row for a parsed definition d: a new id, the columns lists need,
 * the body written canonically (q_write), made now; created_by is left
 * NULL for the caller. Strings in a, or borrowed from d. Returns 0 or
 * ERR_NOMEM. */
int store_questionnaire_row(struct arena *a, const struct q_definition *d,
    struct questionnaire_row *out);
/* A new version; ERR_CONFLICT if that version of that code exists. */
int store_tx_questionnaire_insert(struct store_tx *tx, const struct questionnaire_row *x);

#endif

/* The person's complete export as one JSON document: record, network,
 * consents and their history, notes, plan (with history and comments),
 * emergency accesses and the access log. For the person's own grant. */
#ifndef ROSC_VIEW_EXPORT_H
#define ROSC_VIEW_EXPORT_H

#include <jansson.h>
#include <stddef.h>

struct arena;
struct grant;
struct person;
struct store;

struct export_ctx {
	struct store *s;
	struct arena *a;
	const char *today;              /* "YYYY-MM-DD", UTC */
};

/* *out: a new document for the caller to decref. 0, or an error when the
 * store cannot answer. */
int view_export(struct export_ctx *x, const struct grant *g, const struct person *p,
    json_t **out);

/* The size in bytes of the export as the download sends it (indented,
 * with a final newline), found by building it and counting. */
int view_export_size(struct export_ctx *x, const struct grant *g, const struct person *p,
    size_t *len);

/* A json_dump_callback() that appends to a struct buf. */
int view_export_dump(const char *s, size_t n, void *data);

#endif

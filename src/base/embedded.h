/* Files compiled into the binary by scripts/embed.py: static assets,
 * migrations, the shipped pathway templates and questionnaires. data is
 * followed by a NUL byte not counted in len. */
#ifndef ROSC_EMBEDDED_H
#define ROSC_EMBEDDED_H

#include <stddef.h>

struct embedded {
	const char *name;             /* file name, without folders */
	const unsigned char *data;
	size_t len;
	const char *etag;             /* quoted, from a hash of the content */
};

extern const struct embedded assets[];
extern const size_t assets_count;
extern const struct embedded migrations_sqlite[];
extern const size_t migrations_sqlite_count;
extern const struct embedded migrations_pg[];
extern const size_t migrations_pg_count;
extern const struct embedded pathways_shipped[];    /* data/pathways/ */
extern const size_t pathways_shipped_count;
extern const struct embedded questionnaires_shipped[];  /* data/questionnaires/ */
extern const size_t questionnaires_shipped_count;
extern const struct embedded warning_rules_shipped[];  /* data/warning-rules.json */
extern const size_t warning_rules_shipped_count;
extern const struct embedded meetings_demo[];  /* data/meetings-demo.json */
extern const size_t meetings_demo_count;

#endif

/* The subcommands of the rosc program; main.c dispatches to them. Each
 * returns the process exit status: 0 ok, 1 failed, 2 usage error. */
#ifndef ROSC_COMMANDS_H
#define ROSC_COMMANDS_H

#include <stddef.h>

int cmd_serve(int argc, char **argv);     /* serve.c */
int cmd_init(int argc, char **argv);      /* db.c */
int cmd_migrate(int argc, char **argv);   /* db.c */
int cmd_backup(int argc, char **argv);    /* db.c */
int cmd_restore(int argc, char **argv);   /* db.c */
int cmd_demo(int argc, char **argv);      /* demo.c */
int cmd_user(int argc, char **argv);      /* user.c */
int cmd_audit(int argc, char **argv);     /* audit.c */
int cmd_migrate_data(int argc, char **argv); /* migrate_data.c */
int cmd_jobs(int argc, char **argv);      /* jobs.c */
int cmd_outbox(int argc, char **argv);    /* outbox.c */
int cmd_import(int argc, char **argv);    /* hsds.c: import KIND (hsds) */
int cmd_export(int argc, char **argv);    /* hsds.c: export KIND (hsds) */
int cmd_import_pathway(int argc, char **argv);   /* pathways.c: import pathway FILE */
int cmd_export_pathway(int argc, char **argv);   /* pathways.c: export pathway ID */
int cmd_import_questionnaire(int argc, char **argv);  /* questionnaires.c */
int cmd_export_questionnaire(int argc, char **argv);  /* questionnaires.c */

/* The pathway templates shipped with rosc, put in the database where that
 * version of them is not there yet (rosc init). 0 or an error. (pathways.c) */
struct store;
int cmd_ship_pathways(struct store *s);
/* The same for the shipped questionnaires. (questionnaires.c) */
int cmd_ship_questionnaires(struct store *s);
/* rosc import/export warning-rules, and the shipped set for rosc init
 * (warnings.c). */
int cmd_import_warning_rules(int argc, char **argv);
int cmd_export_warning_rules(int argc, char **argv);
int cmd_export_person(int argc, char **argv);
int cmd_ship_warning_rules(struct store *s);
/* rosc import meetings FILE, and the demo's feed (meetings.c). */
int cmd_import_meetings(int argc, char **argv);
int cmd_demo_meetings(struct store *s);

/* The bytes of the file at path (at most 1 MiB), NUL-ended, in a; NULL
 * after saying why on standard error. (pathways.c) */
struct arena;
char *cmd_read_file(struct arena *a, const char *path, size_t *len);

/* Parses [--db URL] and one positional argument into *pos. Returns -1 to
 * go on, or the exit status. (hsds.c) */
struct config;
int cmd_parse_one(int argc, char **argv, struct config *cfg, const char *help,
    const char **pos);

/* Opens the store for a command and explains failures in plain words.
 * Returns NULL after printing the reason. (db.c) */
struct store;
enum store_mode;
struct store *cmd_open_store(const char *url, int mode);

/* True if argv[i] asks for help. (db.c) */
int cmd_is_help(const char *arg);

/* Checks the audit chain of an open store and says the result in plain
 * words (intact on stdout, the first problem on stderr). Returns the exit
 * status: 0 intact, 1 not intact or not checked. (audit.c) */
int cmd_audit_check(struct store *s);

#endif

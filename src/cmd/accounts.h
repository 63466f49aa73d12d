/* Account helpers shared by the command-line subcommands (init, user, demo). */
#ifndef ROSC_CMD_ACCOUNTS_H
#define ROSC_CMD_ACCOUNTS_H

#include <stdbool.h>
#include <stddef.h>

#include "core/account.h"

struct store;
struct arena;

/* Reads a password: from the environment variable env if set, else from a
 * prompt (twice, echo off) when standard input is a terminal. Returns NULL
 * after printing why (not a terminal, mismatch, too weak). */
const char *cli_password(struct arena *a, const char *env, const char *username);

/* Creates the user u (u->id set by the caller; and a membership when
 * org_id is set), audited as done from the command line. hash may be NULL (then an invitation link is made
 * and written to invite_token). Returns 0 or a negative enum err (ERR_CONFLICT:
 * the user name is taken). */
int cli_user_create(struct store *s, struct user *u, const char *hash,
    const char *org_id, enum role role, char *invite_token);

/* Finds an organisation by id or exact name. */
int cli_find_org(struct store *s, struct arena *a, const char *id_or_name,
    struct organisation *out);

#endif

/* A small pool of threads for slow work that must not hold up the HTTP
 * worker threads, such as password hashing (argon2id takes ~19 MiB and
 * tens of milliseconds). The pool size bounds how many run at once, so
 * memory stays bounded under a sign-in storm; the rest wait in a queue. */
#ifndef ROSC_WORKPOOL_H
#define ROSC_WORKPOOL_H

struct workpool;

typedef int (*work_fn)(void *arg);
typedef void (*work_done_fn)(void *done_arg, int rc);

/* Starts n threads. Never returns NULL (dies if threads cannot start). */
struct workpool *workpool_start(unsigned n);

/* Queues fn(arg); done(done_arg, rc) runs on a pool thread afterwards.
 * Returns 0, or ERR_UNAVAILABLE when stopping. */
int workpool_submit(struct workpool *p, work_fn fn, void *arg, work_done_fn done,
    void *done_arg);

/* Finishes queued work and stops the threads. */
void workpool_stop(struct workpool *p);

#endif

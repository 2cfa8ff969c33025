#include "code/vb-coder-pool.h"
#include "base/vb-error.h"
#include "base/vb-buf.h"
#include "base/vb-output.h"

#include <string.h>

#include <errno.h>

/* A batch is pushed once about this many segments have gathered: enough
 * to make the hand-over between threads cheap, small enough that the
 * batches in flight stay small. */
#define BATCH_SEGMENTS 256
#define IN_FLIGHT_PER_THREAD 4

/* A line of a batch in line mode: its bytes are raw->str + off. */
typedef struct {
  gsize    off, len;
  guint    line_no;
  guint64  byte_start; /* in the input, for messages */
  gboolean doc_start; /* the first line of a document */
} Row;

typedef struct {
  GPtrArray *docs;   /* GPtrArray* of segments */
  guint      n_segments;
  GString   *raw;    /* line mode: the lines, one after the other */
  GArray    *rows;   /* line mode: Row */
  GError    *error;  /* the first line that did not parse, or a rule that could not be
                      * judged: the batch is not written */
  GString   *out;
  guint      n_coded;
  gboolean   done;   /* under the pool's lock */
} Batch;

struct _VbCoderPool {
  VbDocFormatFunc format;
  gpointer        user_data;
  FILE           *fp;
  guint           n_threads;
  VbCoder        *coder;      /* for n_threads == 1 */
  GPtrArray      *threads;
  GAsyncQueue    *todo;       /* Batch*, or the pool itself to stop a worker */
  GQueue          pending;    /* Batch*, in push order, not yet written */
  GMutex          lock;       /* with threads: pending, spare, the batches' done,
                               * writing, error */
  GCond           cond;       /* a batch was written */
  Batch          *cur;
  const VbStreamReader *reader; /* line mode, else NULL */
  VbSegPrepareFunc prepare;
  VbDocCodedFunc  after;      /* more coding after the rules, or NULL */
  gpointer        after_data;
  GPtrArray      *fields;     /* the calling thread's scratch (n_threads == 1) */
  GPtrArray      *spare;      /* Batch*, written and ready for reuse */
  VbDirect       *direct;     /* the direct lane, or NULL */
  VbDirectState  *dstate;     /* the calling thread's (n_threads == 1) */
  guint           n_coded;
  gboolean        writing;    /* a thread is writing the head of pending */
  guint           in_flight;  /* batches submitted and not yet written */
  gboolean        waiting;    /* the calling thread waits for in_flight <= wake_at */
  guint           wake_at;
  GError         *error;      /* the first batch in order that failed, until reported */
  gboolean        broken;     /* a batch failed: nothing more is written */
  gboolean        failed;     /* the calling thread has reported an error */
};

typedef struct {
  VbCoderPool *pool;
  VbCoder     *coder;
  GPtrArray   *fields;  /* scratch for parsing lines */
  VbDirectState *dstate; /* made at the first batch when the pool has a lane */
} Worker;

/* Batches are reused, so their output buffers keep their size: growing a
 * fresh buffer for every batch costs page faults and copies. */
static Batch *
batch_new (VbCoderPool *pool)
{
  g_mutex_lock (&pool->lock);
  Batch *b = pool->spare->len > 0
    ? g_ptr_array_steal_index_fast (pool->spare, pool->spare->len - 1) : NULL;
  g_mutex_unlock (&pool->lock);
  if (b != NULL)
    {
      b->docs = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
      return b;
    }
  b = g_new0 (Batch, 1);
  b->docs = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  b->out = g_string_sized_new (BATCH_SEGMENTS * 256);
  b->raw = g_string_sized_new (BATCH_SEGMENTS * 128);
  b->rows = g_array_sized_new (FALSE, FALSE, sizeof (Row), BATCH_SEGMENTS + 16);
  return b;
}

/* Under the lock when there are threads. */
static void
batch_recycle (VbCoderPool *pool, Batch *b)
{
  g_clear_pointer (&b->docs, g_ptr_array_unref);
  g_string_truncate (b->out, 0);
  g_string_truncate (b->raw, 0);
  g_array_set_size (b->rows, 0);
  g_clear_error (&b->error);
  b->n_segments = 0;
  b->n_coded = 0;
  b->done = FALSE;
  g_ptr_array_add (pool->spare, b);
}

static void
batch_free (Batch *b)
{
  if (b->docs != NULL)
    g_ptr_array_unref (b->docs);
  g_string_free (b->out, TRUE);
  g_string_free (b->raw, TRUE);
  g_array_unref (b->rows);
  g_clear_error (&b->error);
  g_free (b);
}

/* FALSE when a rule could not be judged (the batch then carries why). */
static gboolean
run_document (VbCoderPool *pool, VbCoder *coder, Batch *b, GPtrArray *doc)
{
  vb_coder_code_document (coder, doc);
  b->error = vb_coder_take_error (coder);
  if (b->error != NULL)
    return FALSE;
  if (pool->after)
    pool->after (doc, pool->after_data);
  for (guint k = 0; k < doc->len; k++)
    {
      const VbSegment *seg = doc->pdata[k];
      if (seg->codings != NULL && seg->codings->len > 0)
        b->n_coded++;
    }
  pool->format (doc, b->out, pool->user_data);
  return TRUE;
}

/* Line mode: parses the batch's lines here, so that the reading thread,
 * which all the others wait for, only splits lines.  Parsing stops at the
 * first bad line; the batch then carries its error, which is reported
 * when the batch's turn to be written comes, so the message is the one a
 * single thread would give. */
static void
batch_run_lines (VbCoderPool *pool, VbCoder *coder, GPtrArray *fields, VbDirectState *dstate,
                 Batch *b)
{
  g_autoptr (GPtrArray) doc = g_ptr_array_new_with_free_func ((GDestroyNotify) vb_segment_free);
  const Row *rows = (const Row *) (void *) b->rows->data;
  for (guint i = 0; i < b->rows->len; i++)
    {
      const char *line = b->raw->str + rows[i].off;
      gboolean coded;
      if (dstate != NULL && vb_direct_code_line (dstate, line, rows[i].len, b->out, &coded))
        {
          b->n_coded += coded;
          continue;
        }
      if (rows[i].doc_start && doc->len > 0)
        {
          if (!run_document (pool, coder, b, doc))
            return;
          g_ptr_array_set_size (doc, 0);
        }
      VbSegment *seg;
      if (!vb_stream_reader_parse_line (pool->reader, line, rows[i].len, rows[i].line_no,
                                        rows[i].byte_start, fields, &seg, &b->error))
        return;
      if (pool->prepare)
        pool->prepare (seg, pool->user_data);
      g_ptr_array_add (doc, seg);
      /* With the lane there is no document scope, and the next row may
       * be written by the lane: this one goes out first. */
      if (dstate != NULL)
        {
          if (!run_document (pool, coder, b, doc))
            return;
          g_ptr_array_set_size (doc, 0);
        }
    }
  if (doc->len > 0)
    (void) run_document (pool, coder, b, doc);
}

/* Codes and renders a batch, then frees its segments: freeing them here
 * rather than in the reading thread keeps that thread, which all the
 * others wait for, short (perf: 22% of the work instead of 33% at -j 2). */
static void
batch_run (VbCoderPool *pool, VbCoder *coder, GPtrArray *fields, VbDirectState *dstate,
           Batch *b)
{
  if (pool->reader != NULL)
    {
      batch_run_lines (pool, coder, fields, dstate, b);
      return;
    }
  for (guint i = 0; i < b->docs->len; i++)
    if (!run_document (pool, coder, b, b->docs->pdata[i]))
      break;
  g_clear_pointer (&b->docs, g_ptr_array_unref);
}

/* Writes a batch's rows, or fails with the error it carries. */
static gboolean
write_batch (VbCoderPool *pool, Batch *b, GError **error)
{
  if (b->error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&b->error));
      return FALSE;
    }
  pool->n_coded += b->n_coded;
  if (fwrite (b->out->str, 1, b->out->len, pool->fp) != b->out->len)
    {
      int e = errno;
      g_set_error (error, VB_ERROR, VB_ERROR_IO, "%s: cannot write: %s",
                   vb_output_name_for (pool->fp), g_strerror (e));
      return FALSE;
    }
  return TRUE;
}

/* Called under the lock by the worker that finished a batch: writes the
 * batches at the head of pending that are done, in order, unless another
 * worker is at it.  The workers write, not the reading thread, which all
 * of them wait on.  After a failure nothing more is written: the run
 * fails with the first error in input order. */
static void
write_ready (VbCoderPool *pool)
{
  if (pool->writing)
    return;
  pool->writing = TRUE;
  Batch *b;
  while ((b = g_queue_peek_head (&pool->pending)) != NULL && b->done)
    {
      g_queue_pop_head (&pool->pending);
      gboolean skip = pool->broken;
      g_mutex_unlock (&pool->lock);
      GError *err = NULL;
      if (!skip)
        (void) write_batch (pool, b, &err);
      g_mutex_lock (&pool->lock);
      if (err != NULL)
        {
          pool->error = err;
          pool->broken = TRUE;
        }
      batch_recycle (pool, b);
      pool->in_flight--;
      /* Only when the calling thread waits for this: a GCond call is a
       * system call, waiter or not. */
      if (pool->waiting && (pool->in_flight <= pool->wake_at || pool->error != NULL))
        g_cond_signal (&pool->cond);
    }
  pool->writing = FALSE;
}

static gpointer
worker_main (gpointer data)
{
  Worker *w = data;
  VbCoderPool *pool = w->pool;
  for (;;)
    {
      gpointer item = g_async_queue_pop (pool->todo);
      if (item == pool)
        break;
      Batch *b = item;
      if (pool->direct != NULL && w->dstate == NULL)
        w->dstate = vb_direct_state_new (pool->direct);
      batch_run (pool, w->coder, w->fields, w->dstate, b);
      g_mutex_lock (&pool->lock);
      b->done = TRUE;
      write_ready (pool);
      g_mutex_unlock (&pool->lock);
    }
  vb_coder_free (w->coder);
  g_ptr_array_unref (w->fields);
  vb_direct_state_free (w->dstate);
  g_free (w);
  return NULL;
}

VbCoderPool *
vb_coder_pool_new (VbCoder *coder, guint n_threads, VbDocFormatFunc format,
                   gpointer user_data, FILE *fp)
{
  VbCoderPool *pool = g_new0 (VbCoderPool, 1);
  pool->format = format;
  pool->user_data = user_data;
  pool->fp = fp;
  pool->n_threads = n_threads > 0 ? n_threads : MAX (g_get_num_processors (), 1);
  pool->coder = coder;
  g_mutex_init (&pool->lock);
  g_cond_init (&pool->cond);
  g_queue_init (&pool->pending);
  pool->threads = g_ptr_array_new ();
  pool->spare = g_ptr_array_new_with_free_func ((GDestroyNotify) batch_free);
  pool->fields = vb_stream_fields_new ();
  if (pool->n_threads > 1)
    {
      pool->todo = g_async_queue_new ();
      for (guint i = 0; i < pool->n_threads; i++)
        {
          Worker *w = g_new0 (Worker, 1);
          w->pool = pool;
          w->coder = vb_coder_clone (coder);
          w->fields = vb_stream_fields_new ();
          GThread *t = g_thread_try_new ("verba-code", worker_main, w, NULL);
          if (t == NULL)
            {
              /* The system gives no more threads (a process limit): code
               * on those there are; the output is the same. */
              vb_coder_free (w->coder);
              g_ptr_array_unref (w->fields);
              g_free (w);
              break;
            }
          g_ptr_array_add (pool->threads, t);
        }
      /* One thread or none: the calling thread codes, as with -j 1; a
       * lone worker idles until the pool is freed. */
      pool->n_threads = MAX (pool->threads->len, 1);
    }
  return pool;
}

/* With threads: when more than max batches are in flight (a batch being
 * written still is), waits until no more than resume are, so that the
 * threads wake each other once for several batches; FALSE with the first
 * error in input order if there was one. */
static gboolean
wait_pending (VbCoderPool *pool, guint max, guint resume, GError **error)
{
  g_mutex_lock (&pool->lock);
  if (pool->in_flight > max && pool->error == NULL)
    {
      pool->waiting = TRUE;
      pool->wake_at = resume;
      while (pool->in_flight > resume && pool->error == NULL)
        g_cond_wait (&pool->cond, &pool->lock);
      pool->waiting = FALSE;
    }
  GError *err = g_steal_pointer (&pool->error);
  g_mutex_unlock (&pool->lock);
  if (err == NULL)
    return TRUE;
  pool->failed = TRUE;
  g_propagate_error (error, err);
  return FALSE;
}

static gboolean
submit (VbCoderPool *pool, GError **error)
{
  Batch *b = pool->cur;
  pool->cur = NULL;
  if (pool->n_threads == 1)
    {
      batch_run (pool, pool->coder, pool->fields, pool->dstate, b);
      gboolean ok = write_batch (pool, b, error);
      batch_recycle (pool, b);
      pool->failed = !ok;
      return ok;
    }
  g_mutex_lock (&pool->lock);
  g_queue_push_tail (&pool->pending, b);
  pool->in_flight++;
  g_mutex_unlock (&pool->lock);
  g_async_queue_push (pool->todo, b);
  return wait_pending (pool, pool->n_threads * IN_FLIGHT_PER_THREAD,
                       pool->n_threads * IN_FLIGHT_PER_THREAD / 2, error);
}

gboolean
vb_coder_pool_push (VbCoderPool *pool, GPtrArray *doc, GError **error)
{
  g_return_val_if_fail (!pool->failed, FALSE);
  if (pool->cur == NULL)
    pool->cur = batch_new (pool);
  pool->cur->n_segments += doc->len;
  g_ptr_array_add (pool->cur->docs, doc);
  if (pool->cur->n_segments < BATCH_SEGMENTS)
    return TRUE;
  return submit (pool, error);
}

void
vb_coder_pool_read_lines (VbCoderPool *pool, const VbStreamReader *reader,
                          VbSegPrepareFunc prepare)
{
  pool->reader = reader;
  pool->prepare = prepare;
}

void
vb_coder_pool_after_coding (VbCoderPool *pool, VbDocCodedFunc after, gpointer user_data)
{
  pool->after = after;
  pool->after_data = user_data;
}

void
vb_coder_pool_direct (VbCoderPool *pool, VbDirect *d)
{
  g_return_if_fail (pool->reader != NULL && pool->direct == NULL && pool->cur == NULL);
  pool->direct = d;
  if (d != NULL && pool->n_threads == 1)
    pool->dstate = vb_direct_state_new (d);
}

gboolean
vb_coder_pool_push_line (VbCoderPool *pool, const char *line, gsize len, guint line_no,
                         guint64 byte_start, gboolean doc_start, GError **error)
{
  g_return_val_if_fail (!pool->failed && pool->reader != NULL, FALSE);
  /* A batch ends only where a document starts: document-scope rules need
   * the whole document. */
  if (doc_start && pool->cur != NULL && pool->cur->n_segments >= BATCH_SEGMENTS
      && !submit (pool, error))
    return FALSE;
  if (pool->cur == NULL)
    pool->cur = batch_new (pool);
  Batch *b = pool->cur;
  Row row = { b->raw->len, len, line_no, byte_start, doc_start || b->rows->len == 0 };
  vb_buf_append_len (b->raw, line, len);
  g_array_append_val (b->rows, row);
  b->n_segments++;
  return TRUE;
}

gboolean
vb_coder_pool_finish (VbCoderPool *pool, GError **error)
{
  g_return_val_if_fail (!pool->failed, FALSE);
  if (pool->cur != NULL && !submit (pool, error))
    return FALSE;
  if (pool->n_threads == 1)
    return TRUE;
  return wait_pending (pool, 0, 0, error);
}

guint
vb_coder_pool_n_coded (const VbCoderPool *pool)
{
  return pool->n_coded;
}

void
vb_coder_pool_free (VbCoderPool *pool)
{
  if (pool == NULL)
    return;
  for (guint i = 0; i < pool->threads->len; i++)
    g_async_queue_push (pool->todo, pool);
  for (guint i = 0; i < pool->threads->len; i++)
    g_thread_join (pool->threads->pdata[i]);
  g_ptr_array_unref (pool->threads);
  /* Workers have stopped: whatever is still pending is theirs no more. */
  g_clear_error (&pool->error);
  Batch *b;
  while ((b = g_queue_pop_head (&pool->pending)) != NULL)
    batch_free (b);
  if (pool->cur != NULL)
    batch_free (pool->cur);
  g_ptr_array_unref (pool->spare);
  g_ptr_array_unref (pool->fields);
  /* After the workers, whose states point into it. */
  vb_direct_state_free (pool->dstate);
  vb_direct_free (pool->direct);
  if (pool->todo != NULL)
    g_async_queue_unref (pool->todo);
  g_mutex_clear (&pool->lock);
  g_cond_clear (&pool->cond);
  g_free (pool);
}

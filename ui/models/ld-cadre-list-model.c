/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ld-cadre-list-model"

#include "config.h"

#include <gtk/gtk.h>

#include "ld-cadre-list-model.h"

/* Rows are fetched in aligned batches of BATCH_SIZE record numbers; at most
 * MAX_BATCHES filled batches are kept (least recently used go first), so a
 * scroll through 100,000 cadres does not keep them all in memory. */
#define BATCH_SIZE  200
#define MAX_BATCHES 50

typedef enum
{
  BATCH_NONE,
  BATCH_PENDING,
  BATCH_LOADED,
  BATCH_FAILED,
} BatchState;

struct _LdCadreListModel
{
  GObject        parent_instance;

  /* Owned References */
  LdVault       *vault;
  LdCadreFilter  filter;            /* strings owned */
  GArray        *ids;               /* gint64, in list order */
  GPtrArray     *rows;              /* LdCadreRow or NULL, ids->len long */
  guint8        *batch_state;       /* BatchState per batch */
  GQueue         lru;               /* filled batch indexes, oldest first */
  GCancellable  *load_cancellable;  /* the load of the record numbers */
  GCancellable  *rows_cancellable;  /* the batches of the current ids */

  guint          load_serial;       /* bumped by every load */
  guint          ids_serial;        /* bumped whenever ids is replaced */
  guint          loading : 1;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (LdCadreListModel, ld_cadre_list_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum {
  PROP_0,
  PROP_VAULT,
  PROP_N_ITEMS,
  PROP_LOADING,
  N_PROPS
};

enum {
  SIGNAL_LOADED,
  N_SIGNALS
};

static GParamSpec *properties [N_PROPS];
static guint signals [N_SIGNALS];

/* The row array has holes (rows not asked for yet), and GPtrArray calls
 * its free function on NULL too. */
static void
row_unref (gpointer row)
{
  if (row != NULL)
    g_object_unref (row);
}

/* Filters ------------------------------------------------------------------ */

static void
filter_clear (LdCadreFilter *filter)
{
  g_free ((char *) filter->search);
  g_free ((char *) filter->authority);
  g_free ((char *) filter->post_level);
  g_free ((char *) filter->status);
  g_free ((char *) filter->tag);
  memset (filter, 0, sizeof *filter);
}

static void
filter_copy (const LdCadreFilter *src,
             LdCadreFilter       *dest)
{
  *dest = *src;
  dest->search = g_strdup (src->search);
  dest->authority = g_strdup (src->authority);
  dest->post_level = g_strdup (src->post_level);
  dest->status = g_strdup (src->status);
  dest->tag = g_strdup (src->tag);
  dest->limit = 0;
  dest->offset = 0;
}

static void
filter_free (LdCadreFilter *filter)
{
  filter_clear (filter);
  g_free (filter);
}

/* Jobs --------------------------------------------------------------------- */

typedef struct
{
  LdCadreListModel *self;
  guint             serial;
  guint             batch;    /* G_MAXUINT for a single-cadre refresh */
} Callback;

static Callback *
callback_new (LdCadreListModel *self,
              guint             serial,
              guint             batch)
{
  Callback *cb = g_new0 (Callback, 1);

  cb->self = g_object_ref (self);
  cb->serial = serial;
  cb->batch = batch;

  return cb;
}

static void
callback_free (Callback *cb)
{
  g_clear_object (&cb->self);
  g_free (cb);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Callback, callback_free)

static gpointer
list_ids_worker (LdVault       *vault,
                 gpointer       data,
                 GCancellable  *cancellable,
                 GError       **error)
{
  return ld_cadre_repository_list_ids (vault, data, error);
}

static gpointer
get_many_worker (LdVault       *vault,
                 gpointer       data,
                 GCancellable  *cancellable,
                 GError       **error)
{
  GArray *ids = data;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  return ld_cadre_repository_get_many (vault, (const gint64 *) (gpointer) ids->data, ids->len, error);
}

/* Rows --------------------------------------------------------------------- */

static guint
n_batches (LdCadreListModel *self)
{
  return (self->ids->len + BATCH_SIZE - 1) / BATCH_SIZE;
}

static void
touch_batch (LdCadreListModel *self,
             guint             batch)
{
  GList *link = g_queue_find (&self->lru, GUINT_TO_POINTER (batch));

  if (link != NULL && link != self->lru.tail)
    {
      g_queue_unlink (&self->lru, link);
      g_queue_push_tail_link (&self->lru, link);
    }
}

/* Forgets the rows of the oldest batches that nobody but the model holds
 * (the view holds the rows it shows). */
static void
evict_batches (LdCadreListModel *self)
{
  while (self->lru.length > MAX_BATCHES)
    {
      guint batch = GPOINTER_TO_UINT (g_queue_pop_head (&self->lru));
      guint end = MIN ((batch + 1) * BATCH_SIZE, self->ids->len);

      for (guint i = batch * BATCH_SIZE; i < end; i++)
        {
          GObject *row = g_ptr_array_index (self->rows, i);

          if (row != NULL && g_atomic_int_get (&row->ref_count) == 1)
            {
              g_ptr_array_index (self->rows, i) = NULL;
              g_object_unref (row);
            }
        }

      self->batch_state[batch] = BATCH_NONE;
    }
}

static void
get_many_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(Callback) cb = user_data;
  LdCadreListModel *self = cb->self;
  g_autoptr(GPtrArray) cadres = NULL;
  g_autoptr(GError) error = NULL;
  guint start, end, j = 0;

  cadres = ld_vault_run_finish (LD_VAULT (object), result, &error);

  /* The record numbers were replaced meanwhile: these rows are gone. */
  if (cb->serial != self->ids_serial)
    return;

  if (cadres == NULL)
    {
      if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Could not read cadres: %s", error->message);

      if (cb->batch != G_MAXUINT)
        self->batch_state[cb->batch] = BATCH_FAILED;
      return;
    }

  if (cb->batch == G_MAXUINT)
    {
      /* A single-cadre refresh. */
      for (guint k = 0; k < cadres->len; k++)
        {
          LdCadre *cadre = g_ptr_array_index (cadres, k);
          guint pos = ld_cadre_list_model_find (self, ld_cadre_get_id (cadre));
          LdCadreRow *row;

          if (pos == G_MAXUINT || (row = g_ptr_array_index (self->rows, pos)) == NULL)
            continue;

          ld_cadre_row_set_cadre (row, cadre);
        }
      return;
    }

  start = cb->batch * BATCH_SIZE;
  end = MIN (start + BATCH_SIZE, self->ids->len);

  /* get_many() keeps the order and leaves out what it did not find. */
  for (guint i = start; i < end && j < cadres->len; i++)
    {
      LdCadre *cadre = g_ptr_array_index (cadres, j);
      gint64 id = g_array_index (self->ids, gint64, i);
      LdCadreRow *row;

      if (ld_cadre_get_id (cadre) != id)
        continue;

      j++;

      if ((row = g_ptr_array_index (self->rows, i)) == NULL)
        g_ptr_array_index (self->rows, i) = row = ld_cadre_row_new (id);

      ld_cadre_row_set_cadre (row, cadre);
    }

  self->batch_state[cb->batch] = BATCH_LOADED;
  g_queue_push_tail (&self->lru, GUINT_TO_POINTER (cb->batch));
  evict_batches (self);
}

static void
fetch_batch (LdCadreListModel *self,
             guint             batch)
{
  guint start = batch * BATCH_SIZE;
  guint end = MIN (start + BATCH_SIZE, self->ids->len);
  GArray *ids;

  g_assert (batch < n_batches (self));

  if (self->vault == NULL)
    return;

  self->batch_state[batch] = BATCH_PENDING;

  ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), end - start);
  g_array_append_vals (ids, &g_array_index (self->ids, gint64, start), end - start);

  ld_vault_run_async (self->vault,
                      get_many_worker,
                      ids,
                      (GDestroyNotify) g_array_unref,
                      (GDestroyNotify) g_ptr_array_unref,
                      self->rows_cancellable,
                      get_many_cb,
                      callback_new (self, self->ids_serial, batch));
}

/* Replaces the record numbers: every row goes. The view is told in two
 * steps, all removed and then all added: told in one, GTK 4.8's list item
 * manager asks for every added item to look for widgets it could reuse,
 * which would fetch all 100,000 rows. */
static void
replace_ids (LdCadreListModel *self,
             GArray           *ids)
{
  guint old_n = self->ids->len;

  g_cancellable_cancel (self->rows_cancellable);
  g_clear_object (&self->rows_cancellable);
  self->rows_cancellable = g_cancellable_new ();
  self->ids_serial++;

  g_queue_clear (&self->lru);
  g_clear_pointer (&self->batch_state, g_free);
  g_ptr_array_set_size (self->rows, 0);
  g_array_set_size (self->ids, 0);

  if (old_n > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, old_n, 0);

  g_clear_pointer (&self->ids, g_array_unref);
  self->ids = ids;
  g_ptr_array_set_size (self->rows, ids->len);
  self->batch_state = g_new0 (guint8, n_batches (self) + 1);

  if (ids->len > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, 0, ids->len);

  if (old_n != ids->len)
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_N_ITEMS]);
}

static void
set_loading (LdCadreListModel *self,
             gboolean          loading)
{
  if (self->loading == !!loading)
    return;

  self->loading = !!loading;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_LOADING]);
}

static void
list_ids_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(Callback) cb = user_data;
  LdCadreListModel *self = cb->self;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GError) error = NULL;

  ids = ld_vault_run_finish (LD_VAULT (object), result, &error);

  /* A newer load superseded this one. */
  if (cb->serial != self->load_serial)
    return;

  set_loading (self, FALSE);

  if (ids == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;

      if (error == NULL)
        g_set_error_literal (&error, G_IO_ERROR, G_IO_ERROR_FAILED, "no result");

      replace_ids (self, g_array_new (FALSE, FALSE, sizeof (gint64)));
      g_signal_emit (self, signals [SIGNAL_LOADED], 0, error);
      return;
    }

  replace_ids (self, g_steal_pointer (&ids));
  g_signal_emit (self, signals [SIGNAL_LOADED], 0, NULL);
}

/* GListModel --------------------------------------------------------------- */

static GType
ld_cadre_list_model_get_item_type (GListModel *model)
{
  return LD_TYPE_CADRE_ROW;
}

static guint
ld_cadre_list_model_get_n_items (GListModel *model)
{
  return LD_CADRE_LIST_MODEL (model)->ids->len;
}

static gpointer
ld_cadre_list_model_get_item (GListModel *model,
                              guint       position)
{
  LdCadreListModel *self = LD_CADRE_LIST_MODEL (model);
  LdCadreRow *row;
  guint batch;

  if (position >= self->ids->len)
    return NULL;

  batch = position / BATCH_SIZE;
  row = g_ptr_array_index (self->rows, position);

  if (row == NULL)
    {
      row = ld_cadre_row_new (g_array_index (self->ids, gint64, position));
      g_ptr_array_index (self->rows, position) = row;

      /* An evicted row of a batch still partly on screen. */
      if (self->batch_state[batch] == BATCH_LOADED)
        {
          GList *link = g_queue_find (&self->lru, GUINT_TO_POINTER (batch));

          if (link != NULL)
            g_queue_delete_link (&self->lru, link);
          self->batch_state[batch] = BATCH_NONE;
        }
    }

  switch ((BatchState) self->batch_state[batch])
    {
    case BATCH_NONE:
      fetch_batch (self, batch);
      break;

    case BATCH_LOADED:
      touch_batch (self, batch);
      break;

    case BATCH_PENDING:
    case BATCH_FAILED:
    default:
      break;
    }

  return g_object_ref (row);
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = ld_cadre_list_model_get_item_type;
  iface->get_n_items = ld_cadre_list_model_get_n_items;
  iface->get_item = ld_cadre_list_model_get_item;
}

/* GObject ------------------------------------------------------------------ */

static void
ld_cadre_list_model_dispose (GObject *object)
{
  LdCadreListModel *self = (LdCadreListModel *)object;

  ld_cadre_list_model_cancel (self);
  g_clear_object (&self->vault);

  G_OBJECT_CLASS (ld_cadre_list_model_parent_class)->dispose (object);
}

static void
ld_cadre_list_model_finalize (GObject *object)
{
  LdCadreListModel *self = (LdCadreListModel *)object;

  filter_clear (&self->filter);
  g_clear_pointer (&self->ids, g_array_unref);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->batch_state, g_free);
  g_queue_clear (&self->lru);
  g_clear_object (&self->load_cancellable);
  g_clear_object (&self->rows_cancellable);

  G_OBJECT_CLASS (ld_cadre_list_model_parent_class)->finalize (object);
}

static void
ld_cadre_list_model_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  LdCadreListModel *self = LD_CADRE_LIST_MODEL (object);

  switch (prop_id)
    {
    case PROP_VAULT:
      g_value_set_object (value, self->vault);
      break;

    case PROP_N_ITEMS:
      g_value_set_uint (value, self->ids->len);
      break;

    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ld_cadre_list_model_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  LdCadreListModel *self = LD_CADRE_LIST_MODEL (object);

  switch (prop_id)
    {
    case PROP_VAULT:
      self->vault = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ld_cadre_list_model_class_init (LdCadreListModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = ld_cadre_list_model_dispose;
  object_class->finalize = ld_cadre_list_model_finalize;
  object_class->get_property = ld_cadre_list_model_get_property;
  object_class->set_property = ld_cadre_list_model_set_property;

  properties [PROP_VAULT] =
    g_param_spec_object ("vault", NULL, NULL,
                         LD_TYPE_VAULT,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties [PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties [PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals [SIGNAL_LOADED] =
    g_signal_new ("loaded",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_ERROR);
}

static void
ld_cadre_list_model_init (LdCadreListModel *self)
{
  self->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->rows = g_ptr_array_new_with_free_func (row_unref);
  self->batch_state = g_new0 (guint8, 1);
  g_queue_init (&self->lru);
  self->load_cancellable = g_cancellable_new ();
  self->rows_cancellable = g_cancellable_new ();
  self->filter.order = LD_CADRE_ORDER_STROKE;
}

LdCadreListModel *
ld_cadre_list_model_new (LdVault *vault)
{
  g_return_val_if_fail (LD_IS_VAULT (vault), NULL);

  return g_object_new (LD_TYPE_CADRE_LIST_MODEL,
                       "vault", vault,
                       NULL);
}

void
ld_cadre_list_model_set_filter (LdCadreListModel    *self,
                                const LdCadreFilter *filter)
{
  g_return_if_fail (LD_IS_CADRE_LIST_MODEL (self));
  g_return_if_fail (filter != NULL);

  filter_clear (&self->filter);
  filter_copy (filter, &self->filter);

  ld_cadre_list_model_reload (self);
}

void
ld_cadre_list_model_reload (LdCadreListModel *self)
{
  LdCadreFilter *copy;

  g_return_if_fail (LD_IS_CADRE_LIST_MODEL (self));

  if (self->vault == NULL)
    return;

  /* Supersede the load in flight. */
  g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
  self->load_cancellable = g_cancellable_new ();
  self->load_serial++;

  copy = g_new0 (LdCadreFilter, 1);
  filter_copy (&self->filter, copy);

  set_loading (self, TRUE);

  ld_vault_run_async (self->vault,
                      list_ids_worker,
                      copy,
                      (GDestroyNotify) filter_free,
                      (GDestroyNotify) g_array_unref,
                      self->load_cancellable,
                      list_ids_cb,
                      callback_new (self, self->load_serial, 0));
}

void
ld_cadre_list_model_cancel (LdCadreListModel *self)
{
  g_return_if_fail (LD_IS_CADRE_LIST_MODEL (self));

  if (self->load_cancellable != NULL)
    g_cancellable_cancel (self->load_cancellable);
  if (self->rows_cancellable != NULL)
    g_cancellable_cancel (self->rows_cancellable);
}

gboolean
ld_cadre_list_model_get_loading (LdCadreListModel *self)
{
  g_return_val_if_fail (LD_IS_CADRE_LIST_MODEL (self), FALSE);

  return self->loading;
}

void
ld_cadre_list_model_refresh_cadre (LdCadreListModel *self,
                                   gint64            cadre_id)
{
  GArray *ids;

  g_return_if_fail (LD_IS_CADRE_LIST_MODEL (self));

  if (self->vault == NULL || ld_cadre_list_model_find (self, cadre_id) == G_MAXUINT)
    return;

  ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), 1);
  g_array_append_val (ids, cadre_id);

  ld_vault_run_async (self->vault,
                      get_many_worker,
                      ids,
                      (GDestroyNotify) g_array_unref,
                      (GDestroyNotify) g_ptr_array_unref,
                      self->rows_cancellable,
                      get_many_cb,
                      callback_new (self, self->ids_serial, G_MAXUINT));
}

guint
ld_cadre_list_model_find (LdCadreListModel *self,
                          gint64            cadre_id)
{
  g_return_val_if_fail (LD_IS_CADRE_LIST_MODEL (self), G_MAXUINT);

  for (guint i = 0; i < self->ids->len; i++)
    if (g_array_index (self->ids, gint64, i) == cadre_id)
      return i;

  return G_MAXUINT;
}

gint64
ld_cadre_list_model_get_id (LdCadreListModel *self,
                            guint             position)
{
  g_return_val_if_fail (LD_IS_CADRE_LIST_MODEL (self), 0);
  g_return_val_if_fail (position < self->ids->len, 0);

  return g_array_index (self->ids, gint64, position);
}

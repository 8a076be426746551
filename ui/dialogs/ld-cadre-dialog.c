/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ld-cadre-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "ld-cadre-dialog.h"

/* SKELETON: replaced by the real dialog. */

struct _LdCadreDialog
{
  AdwWindow  parent_instance;

  LdVault   *vault;
  gint64     cadre_id;
  gint64     default_unit_id;
};

G_DEFINE_FINAL_TYPE (LdCadreDialog, ld_cadre_dialog, ADW_TYPE_WINDOW)

enum { SIGNAL_SAVED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
ld_cadre_dialog_dispose (GObject *object)
{
  LdCadreDialog *self = LD_CADRE_DIALOG (object);

  g_clear_object (&self->vault);

  G_OBJECT_CLASS (ld_cadre_dialog_parent_class)->dispose (object);
}

static void
ld_cadre_dialog_class_init (LdCadreDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = ld_cadre_dialog_dispose;

  signals[SIGNAL_SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                        0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
}

static void
ld_cadre_dialog_init (LdCadreDialog *self)
{
}

LdCadreDialog *
ld_cadre_dialog_new (GtkWindow *parent,
                     LdVault   *vault,
                     gint64     cadre_id,
                     gint64     default_unit_id)
{
  LdCadreDialog *self = g_object_new (LD_TYPE_CADRE_DIALOG,
                                      "transient-for", parent,
                                      "modal", TRUE,
                                      NULL);

  self->vault = g_object_ref (vault);
  self->cadre_id = cadre_id;
  self->default_unit_id = default_unit_id;
  return self;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ld-cadre-file-view"

#include "config.h"

#include <glib/gi18n.h>

#include "ld-cadre-file-view.h"

/* SKELETON: replaced by the real view. */

struct _LdCadreFileView
{
  AdwBin         parent_instance;

  LdVault       *vault;
  gint64         cadre_id;
  AdwStatusPage *status_page;
};

G_DEFINE_FINAL_TYPE (LdCadreFileView, ld_cadre_file_view, ADW_TYPE_BIN)

enum { SIGNAL_CLOSE_REQUESTED, SIGNAL_CHANGED, SIGNAL_ADD_TOAST, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
ld_cadre_file_view_dispose (GObject *object)
{
  LdCadreFileView *self = LD_CADRE_FILE_VIEW (object);

  gtk_widget_dispose_template (GTK_WIDGET (object), LD_TYPE_CADRE_FILE_VIEW);
  g_clear_object (&self->vault);

  G_OBJECT_CLASS (ld_cadre_file_view_parent_class)->dispose (object);
}

static void
ld_cadre_file_view_class_init (LdCadreFileViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ld_cadre_file_view_dispose;

  signals[SIGNAL_CLOSE_REQUESTED] = g_signal_new ("close-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[SIGNAL_CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
  signals[SIGNAL_ADD_TOAST] = g_signal_new ("add-toast", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                            0, NULL, NULL, NULL, G_TYPE_NONE, 1, ADW_TYPE_TOAST);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/liandang/Liandang/ui/widgets/ld-cadre-file-view.ui");
  gtk_widget_class_bind_template_child (widget_class, LdCadreFileView, status_page);
}

static void
ld_cadre_file_view_init (LdCadreFileView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

LdCadreFileView *
ld_cadre_file_view_new (LdVault *vault)
{
  LdCadreFileView *self = g_object_new (LD_TYPE_CADRE_FILE_VIEW, NULL);

  self->vault = g_object_ref (vault);
  return self;
}

void
ld_cadre_file_view_load (LdCadreFileView *self,
                         gint64           cadre_id)
{
  self->cadre_id = cadre_id;
}

gint64
ld_cadre_file_view_get_cadre_id (LdCadreFileView *self)
{
  return self->cadre_id;
}

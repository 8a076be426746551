/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ld-import-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "ld-import-dialog.h"

/* SKELETON: replaced by the real dialog. */

struct _LdImportDialog
{
  AdwWindow      parent_instance;

  LdVault       *vault;
  gint64         parent_unit_id;
  AdwStatusPage *status_page;
};

G_DEFINE_FINAL_TYPE (LdImportDialog, ld_import_dialog, ADW_TYPE_WINDOW)

enum { SIGNAL_IMPORTED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
ld_import_dialog_dispose (GObject *object)
{
  LdImportDialog *self = LD_IMPORT_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (object), LD_TYPE_IMPORT_DIALOG);
  g_clear_object (&self->vault);

  G_OBJECT_CLASS (ld_import_dialog_parent_class)->dispose (object);
}

static void
ld_import_dialog_class_init (LdImportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ld_import_dialog_dispose;

  signals[SIGNAL_IMPORTED] = g_signal_new ("imported", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                           0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_INT64, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/liandang/Liandang/ui/dialogs/ld-import-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, LdImportDialog, status_page);
}

static void
ld_import_dialog_init (LdImportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

LdImportDialog *
ld_import_dialog_new (GtkWindow *parent,
                      LdVault   *vault,
                      gint64     parent_unit_id)
{
  LdImportDialog *self = g_object_new (LD_TYPE_IMPORT_DIALOG,
                                       "transient-for", parent,
                                       "modal", TRUE,
                                       NULL);

  self->vault = g_object_ref (vault);
  self->parent_unit_id = parent_unit_id;
  return self;
}

void
ld_import_dialog_set_file (LdImportDialog *self,
                           GFile          *file)
{
}

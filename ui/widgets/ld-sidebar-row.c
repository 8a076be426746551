/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ld-sidebar-row"

#include "config.h"

#include "ld-sidebar-row.h"

struct _LdSidebarRow
{
  GtkListBoxRow  parent_instance;

  /* Owned References */
  GtkStackPage  *page;
  char          *title;
  char          *icon_name;
};

G_DEFINE_FINAL_TYPE (LdSidebarRow, ld_sidebar_row, GTK_TYPE_LIST_BOX_ROW)

enum {
  PROP_0,
  PROP_PAGE,
  PROP_TITLE,
  PROP_ICON_NAME,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static void
ld_sidebar_row_constructed (GObject *object)
{
  LdSidebarRow *self = (LdSidebarRow *)object;

  G_OBJECT_CLASS (ld_sidebar_row_parent_class)->constructed (object);

  if (self->page != NULL)
    {
      g_object_bind_property (self->page, "title", self, "title", G_BINDING_SYNC_CREATE);
      g_object_bind_property (self->page, "icon-name", self, "icon-name", G_BINDING_SYNC_CREATE);
    }
}

static void
ld_sidebar_row_dispose (GObject *object)
{
  LdSidebarRow *self = (LdSidebarRow *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), LD_TYPE_SIDEBAR_ROW);

  g_clear_object (&self->page);

  G_OBJECT_CLASS (ld_sidebar_row_parent_class)->dispose (object);
}

static void
ld_sidebar_row_finalize (GObject *object)
{
  LdSidebarRow *self = (LdSidebarRow *)object;

  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->icon_name, g_free);

  G_OBJECT_CLASS (ld_sidebar_row_parent_class)->finalize (object);
}

static void
ld_sidebar_row_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  LdSidebarRow *self = LD_SIDEBAR_ROW (object);

  switch (prop_id)
    {
    case PROP_PAGE:
      g_value_set_object (value, self->page);
      break;

    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;

    case PROP_ICON_NAME:
      g_value_set_string (value, self->icon_name);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
set_string (LdSidebarRow  *self,
            char         **field,
            const char    *value,
            GParamSpec    *pspec)
{
  if (g_strcmp0 (*field, value) == 0)
    return;

  g_free (*field);
  *field = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), pspec);
}

static void
ld_sidebar_row_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  LdSidebarRow *self = LD_SIDEBAR_ROW (object);

  switch (prop_id)
    {
    case PROP_PAGE:
      self->page = g_value_dup_object (value);
      break;

    case PROP_TITLE:
      set_string (self, &self->title, g_value_get_string (value), pspec);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, self->title,
                                      -1);
      break;

    case PROP_ICON_NAME:
      set_string (self, &self->icon_name, g_value_get_string (value), pspec);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ld_sidebar_row_class_init (LdSidebarRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = ld_sidebar_row_constructed;
  object_class->dispose = ld_sidebar_row_dispose;
  object_class->finalize = ld_sidebar_row_finalize;
  object_class->get_property = ld_sidebar_row_get_property;
  object_class->set_property = ld_sidebar_row_set_property;

  properties [PROP_PAGE] =
    g_param_spec_object ("page", NULL, NULL,
                         GTK_TYPE_STACK_PAGE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties [PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties [PROP_ICON_NAME] =
    g_param_spec_string ("icon-name", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/liandang/Liandang/ui/widgets/ld-sidebar-row.ui");
}

static void
ld_sidebar_row_init (LdSidebarRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
ld_sidebar_row_new (GtkStackPage *page)
{
  g_return_val_if_fail (GTK_IS_STACK_PAGE (page), NULL);

  return g_object_new (LD_TYPE_SIDEBAR_ROW,
                       "page", page,
                       NULL);
}

GtkStackPage *
ld_sidebar_row_get_page (LdSidebarRow *self)
{
  g_return_val_if_fail (LD_IS_SIDEBAR_ROW (self), NULL);

  return self->page;
}

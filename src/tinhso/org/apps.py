from django.apps import AppConfig


class OrgConfig(AppConfig):
    name = "tinhso.org"
    label = "org"
    verbose_name = "Cơ quan và cán bộ"

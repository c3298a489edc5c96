from django.apps import AppConfig


class SectorConfig(AppConfig):
    name = "tinhso.sector"
    label = "sector"
    verbose_name = "Quản lý ngành viễn thông"

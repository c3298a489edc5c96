from django.apps import AppConfig


class CatalogConfig(AppConfig):
    name = "tinhso.catalog"
    label = "catalog"
    verbose_name = "Danh mục thủ tục hành chính"

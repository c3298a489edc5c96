from django.apps import AppConfig


class GeoConfig(AppConfig):
    name = "tinhso.geo"
    label = "geo"
    verbose_name = "Đơn vị hành chính"

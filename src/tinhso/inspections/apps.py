from django.apps import AppConfig


class InspectionsConfig(AppConfig):
    name = "tinhso.inspections"
    label = "inspections"
    verbose_name = "Thanh tra, kiểm tra"

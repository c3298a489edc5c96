from django.apps import AppConfig


class BackofficeConfig(AppConfig):
    name = "tinhso.backoffice"
    label = "backoffice"
    verbose_name = "Hệ thống nghiệp vụ"

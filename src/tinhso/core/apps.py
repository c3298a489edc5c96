from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "tinhso.core"
    label = "core"
    verbose_name = "Lõi hệ thống"

    def ready(self) -> None:
        from tinhso.core import audit_admin  # noqa: F401

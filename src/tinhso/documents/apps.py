from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "tinhso.documents"
    label = "documents"
    verbose_name = "Quản lý văn bản đi, đến"

    def ready(self) -> None:
        from django.utils.translation import gettext_lazy as _

        from tinhso.backoffice.navigation import NavItem, register
        from tinhso.org.models import Role

        roles = frozenset(Role.values)  # any staff of a department reads its registers (documents.access)
        section = _("Văn bản")
        register(NavItem(_("Văn bản đi"), "documents:outgoing_list", roles=roles, section=section, order=150))
        register(
            NavItem(_("Văn bản đến"), "documents:incoming_list", roles=roles, section=section, order=151)
        )

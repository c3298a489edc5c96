from django.apps import AppConfig


class InspectionsConfig(AppConfig):
    name = "tinhso.inspections"
    label = "inspections"
    verbose_name = "Thanh tra, kiểm tra"

    def ready(self) -> None:
        from django.utils.translation import gettext_lazy as _

        from tinhso.backoffice.navigation import NavItem, register
        from tinhso.inspections.services import POLICY

        roles = POLICY.read_roles | POLICY.edit_roles
        section = _("Thanh tra, kiểm tra")
        register(
            NavItem(_("Tổng hợp, kế hoạch"), "inspections:summary", roles=roles, section=section, order=400)
        )
        register(
            NavItem(
                _("Cuộc thanh tra, kiểm tra"),
                "inspections:inspection_list",
                roles=roles,
                section=section,
                order=401,
            )
        )
        register(
            NavItem(
                _("Quyết định xử phạt"), "inspections:decision_list", roles=roles, section=section, order=402
            )
        )

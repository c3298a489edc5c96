from django.apps import AppConfig


class EmulationConfig(AppConfig):
    name = "tinhso.emulation"
    label = "emulation"
    verbose_name = "Thi đua, khen thưởng"

    def ready(self) -> None:
        from django.utils.translation import gettext_lazy as _

        from tinhso.backoffice.navigation import NavItem, register
        from tinhso.emulation.services import POLICY

        roles = POLICY.read_roles | POLICY.edit_roles
        section = _("Hoạt động, thi đua")
        register(
            NavItem(
                _("Phong trào thi đua"), "emulation:movement_list", roles=roles, section=section, order=520
            )
        )
        register(
            NavItem(_("Khen thưởng"), "emulation:decision_list", roles=roles, section=section, order=521)
        )

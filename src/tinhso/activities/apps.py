from django.apps import AppConfig


class ActivitiesConfig(AppConfig):
    name = "tinhso.activities"
    label = "activities"
    verbose_name = "Hoạt động thông tin, tuyên truyền"

    def ready(self) -> None:
        from django.utils.translation import gettext_lazy as _

        from tinhso.activities.services import POLICY
        from tinhso.backoffice.navigation import NavItem, register

        roles = POLICY.read_roles | POLICY.edit_roles
        section = _("Hoạt động, thi đua")
        for order, (label, name) in enumerate(
            [
                (_("Tổng hợp hoạt động"), "activities:overview"),
                (_("Sự kiện"), "activities:event_list"),
                (_("Triển lãm"), "activities:exhibition_list"),
                (_("Ấn phẩm tuyên truyền"), "activities:publication_list"),
                (_("Đợt tuyên truyền"), "activities:campaign_list"),
                (_("Lớp tập huấn"), "activities:training_list"),
                (_("Báo chí nước ngoài"), "activities:press_visit_list"),
                (_("Họp trực tuyến"), "activities:session_list"),
                (_("Điểm cầu"), "activities:endpoint_list"),
            ]
        ):
            register(NavItem(label, name, roles=roles, section=section, order=500 + order))

from django.apps import AppConfig


class ActivitiesConfig(AppConfig):
    name = "tinhso.activities"
    label = "activities"
    verbose_name = "Hoạt động thông tin, tuyên truyền"

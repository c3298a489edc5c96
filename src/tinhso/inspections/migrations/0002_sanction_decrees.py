import datetime as dt

from django.db import migrations

DECREES = [
    (
        "174/2013/NĐ-CP",
        "Quy định xử phạt vi phạm hành chính trong lĩnh vực bưu chính, viễn thông, công nghệ thông tin "
        "và tần số vô tuyến điện",
        dt.date(2014, 1, 15),
        dt.date(2020, 4, 15),
    ),
    (
        "15/2020/NĐ-CP",
        "Quy định xử phạt vi phạm hành chính trong lĩnh vực bưu chính, viễn thông, tần số vô tuyến điện, "
        "công nghệ thông tin và giao dịch điện tử",
        dt.date(2020, 4, 15),
        None,
    ),
]


def forwards(apps, schema_editor):
    SanctionDecree = apps.get_model("inspections", "SanctionDecree")
    for code, title, start, end in DECREES:
        SanctionDecree.objects.update_or_create(
            code=code, defaults={"title": title, "effective_from": start, "effective_to": end}
        )


def backwards(apps, schema_editor):
    apps.get_model("inspections", "SanctionDecree").objects.filter(code__in=[d[0] for d in DECREES]).delete()


class Migration(migrations.Migration):
    dependencies = [("inspections", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards)]

from __future__ import annotations

from decimal import Decimal

import pytest

from tinhso.core.errors import Conflict, InvalidInput, NotAllowed
from tinhso.core.models import AuditEntry
from tinhso.geo.selectors import unit_valid_on
from tinhso.sector import selectors
from tinhso.sector.models import Indicator, IndicatorReport, TargetMode
from tinhso.sector.services import report_create, report_update, target_set

pytestmark = pytest.mark.django_db

VALUES = {
    "bts_stations": 40,
    "fixed_subscribers": 1000,
    "mobile_subscribers": 60000,
    "fixed_broadband": 3000,
    "mobile_broadband": 20000,
}


def test_report_create_records_audit_and_refuses_second(officer_khanh, operators, district):
    report = report_create(
        actor=officer_khanh,
        year=2016,
        period=0,
        operator=operators["vnpt"],
        district=district("930"),
        values=VALUES,
    )
    assert report.bts_stations == 40
    assert AuditEntry.objects.filter(action="sector.report_create", object_id=str(report.pk)).exists()
    with pytest.raises(Conflict):
        report_create(
            actor=officer_khanh,
            year=2016,
            period=0,
            operator=operators["vnpt"],
            district=district("930"),
            values=VALUES,
        )


def test_report_refuses_negative_and_non_district(officer_khanh, operators, district):
    with pytest.raises(InvalidInput, match="không được âm"):
        report_create(
            actor=officer_khanh,
            year=2016,
            period=0,
            operator=operators["vnpt"],
            district=district("930"),
            values={**VALUES, "bts_stations": -1},
        )
    commune = district("930").children.first()
    with pytest.raises(InvalidInput, match="cấp huyện"):
        report_create(
            actor=officer_khanh,
            year=2016,
            period=0,
            operator=operators["vnpt"],
            district=commune,
            values=VALUES,
        )
    assert IndicatorReport.objects.count() == 0


def test_only_sector_officer_edits(director_em, officer_khanh, operators, district):
    with pytest.raises(NotAllowed):
        report_create(
            actor=director_em,
            year=2016,
            period=0,
            operator=operators["vnpt"],
            district=district("930"),
            values=VALUES,
        )
    with pytest.raises(NotAllowed):
        target_set(
            actor=director_em,
            year=2017,
            unit=district("930"),
            indicator=Indicator.TELEPHONE,
            mode=TargetMode.PER_100,
            value=96,
        )


def test_figures_follow_the_records(officer_khanh, operators, district):
    vt = district("930")
    r2015 = report_create(
        actor=officer_khanh,
        year=2015,
        period=0,
        operator=operators["vnpt"],
        district=vt,
        values={**VALUES, "mobile_subscribers": 50000},
    )
    report_create(
        actor=officer_khanh, year=2016, period=0, operator=operators["vnpt"], district=vt, values=VALUES
    )
    report_create(
        actor=officer_khanh,
        year=2016,
        period=0,
        operator=operators["viettel"],
        district=vt,
        values={"bts_stations": 10, "mobile_subscribers": 9000},
    )
    figures = {f.code: f for f in selectors.district_figures(2016, Indicator.TELEPHONE)}
    f = figures["930"]
    assert f.value == 1000 + 60000 + 9000
    assert f.previous == 1000 + 50000
    assert f.growth == 19000
    # population of Vị Thanh in 2016 (geo data): 74,540
    assert f.population == 74540
    assert f.density == (Decimal(70000) * 100 / 74540).quantize(Decimal("0.01"))
    assert figures["931"].value == 0 and figures["931"].previous is None

    target_set(
        actor=officer_khanh,
        year=2016,
        unit=vt,
        indicator=Indicator.TELEPHONE,
        mode=TargetMode.PER_100,
        value=Decimal("90"),
    )
    f = {x.code: x for x in selectors.district_figures(2016, Indicator.TELEPHONE)}["930"]
    assert f.progress == (f.density * 100 / 90).quantize(Decimal("0.01"))

    # a corrected 2015 report changes the growth
    report_update(actor=officer_khanh, report=r2015, values={**VALUES, "mobile_subscribers": 40000})
    f = {x.code: x for x in selectors.district_figures(2016, Indicator.TELEPHONE)}["930"]
    assert f.growth == 29000


def test_province_figures_and_bts_target_absolute(officer_khanh, operators, district):
    for code in ("930", "931"):
        report_create(
            actor=officer_khanh,
            year=2016,
            period=0,
            operator=operators["vnpt"],
            district=district(code),
            values=VALUES,
        )
    province = unit_valid_on("93", district("930").valid_from)
    assert province is not None
    with pytest.raises(InvalidInput):
        target_set(
            actor=officer_khanh,
            year=2016,
            unit=province,
            indicator=Indicator.BTS,
            mode=TargetMode.PER_100,
            value=1,
        )
    target_set(
        actor=officer_khanh,
        year=2016,
        unit=province,
        indicator=Indicator.BTS,
        mode=TargetMode.ABSOLUTE,
        value=160,
    )
    bts = selectors.province_figure(2016, Indicator.BTS)
    assert bts.value == 80
    assert bts.progress == Decimal("50.00")
    assert bts.previous is None
    # quarterly rows do not count in the yearly figure
    report_create(
        actor=officer_khanh,
        year=2016,
        period=2,
        operator=operators["viettel"],
        district=district("930"),
        values=VALUES,
    )
    assert selectors.province_figure(2016, Indicator.BTS).value == 80
    assert selectors.province_figure(2016, Indicator.BTS, period=2).value == 40

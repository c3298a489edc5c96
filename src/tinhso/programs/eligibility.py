"""Eligibility for a DVB-T2 set-top box (Decision 2451/QĐ-TTg, domain.md §5) and the duplicate key.

Pure functions, no database: the services and the bulk importer both call them.
"""

from __future__ import annotations

from tinhso.core.vntext import fold
from tinhso.programs.models import Poverty

REASON_NOT_POOR = "Không thuộc danh sách hộ nghèo, cận nghèo"
REASON_NO_LIST_YEAR = "Chưa có năm của danh sách hộ nghèo, cận nghèo được phê duyệt"
REASON_NO_ANALOG_TV = "Không có ti vi analog"
REASON_HAS_RECEIVER = "Đã có đầu thu DVB-T2 hoặc truyền hình trả tiền"
REASON_NO_PLEDGE = "Chưa ký cam kết không bán lại đầu thu"


def ineligibility_reasons(
    *, poverty: str, list_year: int | None, has_analog_tv: bool, has_receiver: bool, pledge_signed: bool
) -> list[str]:
    """Every reason why the household cannot receive a box; empty when it is eligible."""
    reasons: list[str] = []
    if poverty not in (Poverty.POOR, Poverty.NEAR_POOR):
        reasons.append(REASON_NOT_POOR)
    elif not list_year:
        reasons.append(REASON_NO_LIST_YEAR)
    if not has_analog_tv:
        reasons.append(REASON_NO_ANALOG_TV)
    if has_receiver:
        reasons.append(REASON_HAS_RECEIVER)
    if not pledge_signed:
        reasons.append(REASON_NO_PLEDGE)
    return reasons


def match_key(*, head_name: str, commune_code: str, hamlet: str) -> str:
    """Households with the same key (folded name, commune code, folded hamlet) may be the same one."""
    return f"{fold(head_name)}|{commune_code}|{fold(hamlet)}"[:300]


def valid_citizen_id(value: str) -> bool:
    """A 9-digit identity card number (CMND) or a 12-digit citizen ID (CCCD)."""
    return len(value) in (9, 12) and value.isdigit()

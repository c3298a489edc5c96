"""Vietnamese figures as the department writes them in its reports.

* grouping with dots: ``30.429``; decimals with a comma: ``90,93``;
* counts below ten with two digits: ``06 lớp``, ``09 cuộc``, ``01 xã`` (``count``);
* money in full ``64.000.000 đồng`` or, for round millions, ``150 triệu đồng`` (``money``);
* a part of a whole ``54/54`` and a rate ``100%`` / ``96,5%``;
* approximate figures: ``hơn 700`` / ``gần 5.000`` (``approx``, rule below);
* comparisons: ``tăng 03 lớp so với năm 2015``, ``vượt 02 cuộc so kế hoạch``.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

# "gần X" when the figure is at most this share below the round number X
NEAR_SHARE = Decimal("0.02")


def grouped(n: int) -> str:
    """``30429`` → ``30.429``; ``-1200`` → ``-1.200``."""
    sign = "-" if n < 0 else ""
    return sign + f"{abs(int(n)):,}".replace(",", ".")


def decimal(value: Decimal | float | int, places: int = 2) -> str:
    """A decimal with a comma, trailing zeros dropped: ``90.93`` → ``90,93``; ``6.00`` → ``6``."""
    q = Decimal(str(value)).quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP)
    sign = "-" if q < 0 else ""
    whole, _, frac = f"{abs(q):f}".partition(".")
    frac = frac.rstrip("0")
    head = sign + grouped(int(whole))
    return f"{head},{frac}" if frac else head


def count(n: int) -> str:
    """A count of things, two digits below ten: ``6`` → ``06``; ``0`` → ``0``; ``35`` → ``35``."""
    n = int(n)
    if 0 < n < 10:
        return f"{n:02d}"
    return grouped(n)


def number(value: Decimal | int | float) -> str:
    """A figure that may be whole (``96`` → ``96``, ``6`` → ``06``) or not (``5.25`` → ``5,25``)."""
    d = Decimal(str(value))
    if d == d.to_integral_value():
        return count(int(d))
    return decimal(d)


def money(amount: int, *, short: bool = False) -> str:
    """``64000000`` → ``64.000.000 đồng``; with ``short``, round millions and billions in words:
    ``150000000`` → ``150 triệu đồng``, ``2000000000`` → ``2 tỷ đồng``."""
    amount = int(amount)
    if short and amount:
        if amount % 1_000_000_000 == 0:
            return f"{grouped(amount // 1_000_000_000)} tỷ đồng"
        if amount % 1_000_000 == 0:
            return f"{grouped(amount // 1_000_000)} triệu đồng"
    return f"{grouped(amount)} đồng"


def percent(value: Decimal | float | int, places: int = 1) -> str:
    """``100`` → ``100%``; ``96.54`` → ``96,5%``."""
    return f"{decimal(value, places)}%"


def share(part: int, whole: int, places: int = 1) -> Decimal | None:
    """``part`` / ``whole`` × 100, rounded half up (None when ``whole`` is 0)."""
    if not whole:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP)


def ratio(part: int, whole: int) -> str:
    """``54/54`` (no padding inside a ratio, as the department writes ``8/8``)."""
    return f"{grouped(part)}/{grouped(whole)}"


def _unit(n: int) -> int:
    """The rounding unit of ``approx``: hundreds below 1.000, thousands up to 999.999, then the
    second significant digit (1.234.567 → hundred thousands)."""
    digits = len(str(n))
    if digits <= 3:
        return 10 ** (digits - 1)
    if digits <= 6:
        return 1_000
    return 10 ** (digits - 2)


def approx(n: int) -> str:
    """An approximate figure as a report writes it.

    Rule: let *u* be the rounding unit (``_unit``: 100 for 100–999, 1.000 for 1.000–999.999, …) and
    *up* = *n* rounded up to a multiple of *u*. When *up* − *n* ≤ 2 % of *up* the figure is "gần *up*"
    (4.900 → gần 5.000); otherwise when *n* is not a multiple of *u* it is "hơn" *n* rounded down
    (735 → hơn 700, 215 → hơn 200, 19.240 → hơn 19.000); a multiple of *u*, or a figure below 10,
    is written exactly (700 → 700)."""
    n = int(n)
    if n < 10:
        return count(n)
    u = _unit(n)
    down = n - n % u
    if down == n:
        return grouped(n)
    up = down + u
    if Decimal(up - n) <= NEAR_SHARE * up:
        return f"gần {grouped(up)}"
    return f"hơn {grouped(down)}"


def change(delta: int, unit: str, *, against: str) -> str:
    """``tăng 03 lớp so với năm 2015`` / ``giảm 02 cuộc so với năm 2015`` / ``bằng năm 2015``.

    ``against`` is what is compared with, e.g. ``năm 2015``."""
    if delta > 0:
        return f"tăng {count(delta)} {unit} so với {against}".replace("  ", " ")
    if delta < 0:
        return f"giảm {count(-delta)} {unit} so với {against}".replace("  ", " ")
    return f"bằng {against}"


def against_plan(done: int, planned: int, unit: str) -> str:
    """``vượt 02 cuộc so kế hoạch`` / ``đạt 100% kế hoạch`` / ``đạt 05/07 cuộc theo kế hoạch``."""
    if done > planned:
        return f"vượt {count(done - planned)} {unit} so kế hoạch"
    if done == planned:
        return "đạt 100% kế hoạch"
    return f"đạt {count(done)}/{count(planned)} {unit} theo kế hoạch"


def lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text else text


def upper_first(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


def join_list(items: list[str], *, last: str = " và ") -> str:
    """``a``, ``a và b``, ``a, b và c``."""
    items = [i for i in items if i]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + last + items[-1]

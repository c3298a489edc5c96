"""`tinhso audit verify` checks the hash chain of the audit log; `tinhso audit show` lists entries.

    tinhso audit verify [--batch-size 5000] [--all] [--anchor 1234:<hash>] [--since 1234:<hash>]
    tinhso audit show --object onestop.dossier:12 [--limit 50]
    tinhso audit show --actor 7

`verify` exits with 0 when the chain is intact and 1 when it is broken (the first broken entry's id
is printed). Its last line names the last entry and its hash: note it somewhere else and pass it as
``--anchor`` later, so that removing entries at the end of the log is detected too, or as
``--since`` to check only the entries written after it.
"""

from __future__ import annotations

import json
import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from tinhso.core.audit import audit_history, audit_verify, parse_object_ref
from tinhso.core.models import AuditEntry


def _anchor(value: str) -> tuple[int, str]:
    entry_id, sep, digest = value.partition(":")
    if not sep or not entry_id.isdigit() or len(digest) != 64:
        raise ValueError(value)
    return int(entry_id), digest.lower()


class Command(BaseCommand):
    help = "Kiểm tra chuỗi băm của nhật ký thay đổi (verify) hoặc xem nhật ký của một đối tượng (show)."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="subcommand", required=True)
        verify = sub.add_parser("verify", help="Kiểm tra toàn bộ chuỗi băm; mã thoát 1 nếu chuỗi bị đứt.")
        verify.add_argument("--batch-size", type=int, default=5000, help="Số bản ghi đọc mỗi lần.")
        verify.add_argument("--all", action="store_true", help="Báo mọi chỗ đứt, không dừng ở chỗ đầu tiên.")
        verify.add_argument(
            "--anchor",
            type=_anchor,
            help="“mã:băm” của một bản ghi đã ghi nhận trước đây (phát hiện xoá ở cuối).",
        )
        verify.add_argument(
            "--since",
            type=_anchor,
            help="“mã:băm” của một bản ghi đã kiểm tra: chỉ kiểm tra từ bản ghi đó trở đi.",
        )
        verify.add_argument("--quiet", action="store_true", help="Không in tiến độ.")
        show = sub.add_parser("show", help="In các bản ghi nhật ký của một đối tượng hoặc một người.")
        show.add_argument(
            "--object",
            dest="object_ref",
            help="Đối tượng dạng ứng_dụng.mô_hình:mã, ví dụ onestop.dossier:12.",
        )
        show.add_argument("--actor", type=int, help="Mã người thực hiện.")
        show.add_argument("--limit", type=int, default=100, help="Số bản ghi tối đa (mới nhất).")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["subcommand"] == "verify":
            self._verify(**options)
        else:
            self._show(**options)

    def _verify(
        self,
        *,
        batch_size: int,
        all: bool,
        anchor: tuple[int, str] | None,
        since: tuple[int, str] | None,
        quiet: bool,
        **_: Any,
    ) -> None:
        if batch_size < 1:
            raise CommandError("--batch-size phải lớn hơn 0.")

        def progress(done: int) -> None:
            if not quiet:
                self.stderr.write(f"… đã kiểm tra {done:,} bản ghi".replace(",", "."))

        result = audit_verify(
            batch_size=batch_size, stop_at_first=not all, anchor=anchor, since=since, progress=progress
        )
        checked = f"{result.checked:,}".replace(",", ".")
        if result.ok:
            if result.checked == 0:
                self.stdout.write("Nhật ký thay đổi chưa có bản ghi nào. Chuỗi nguyên vẹn.")
            else:
                self.stdout.write(
                    self.style.SUCCESS(
                        f"Chuỗi nguyên vẹn: đã kiểm tra {checked} bản ghi "
                        f"(#{result.first_id} – #{result.last_id})."
                    )
                )
                self.stdout.write(f"Bản ghi cuối: {result.last_id}:{result.last_hash}")
            return
        for broken in result.breaks:
            self.stdout.write(self.style.ERROR(broken.message))
        first = result.breaks[0]
        self.stdout.write(
            self.style.ERROR(
                f"Chuỗi bị đứt. Bản ghi đầu tiên cần kiểm tra: #{first.entry_id} (đã kiểm tra {checked})."
            )
        )
        sys.stdout.flush()
        raise SystemExit(1)

    def _show(self, *, object_ref: str | None, actor: int | None, limit: int, **_: Any) -> None:
        if object_ref:
            try:
                object_type, object_id = parse_object_ref(object_ref)
            except ValueError as exc:
                raise CommandError(str(exc)) from exc
            qs = audit_history(object_type=object_type, object_id=object_id)
        elif actor is not None:
            qs = AuditEntry.objects.filter(actor_id=actor).order_by("id")
        else:
            raise CommandError("Cần --object hoặc --actor.")
        entries = list(reversed(qs.order_by("-id")[:limit]))
        if not entries:
            self.stdout.write("Không có bản ghi nào.")
            return
        for entry in entries:
            at = timezone.localtime(entry.at).strftime("%d/%m/%Y %H:%M:%S")
            line = f"#{entry.pk}  {at}  {entry.actor_label}  {entry.action}"
            line += f"  {entry.object_type}:{entry.object_id}"
            if entry.object_repr:
                line += f" ({entry.object_repr})"
            self.stdout.write(line)
            if entry.before is not None:
                self.stdout.write(
                    "    trước: " + json.dumps(entry.before, ensure_ascii=False, sort_keys=True)
                )
            if entry.after is not None:
                self.stdout.write("    sau:   " + json.dumps(entry.after, ensure_ascii=False, sort_keys=True))

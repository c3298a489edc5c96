"""Core endpoints: the working-time clock."""

from ninja import Router

router = Router(tags=["Thời gian làm việc"])

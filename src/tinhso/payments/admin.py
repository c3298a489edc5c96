from django.contrib import admin

from tinhso.payments.models import Payment


@admin.register(Payment)
class PaymentAdmin(admin.ModelAdmin):
    list_display = ["txn_ref", "dossier", "amount", "status", "created_at", "paid_at", "transaction_no"]
    list_filter = ["status"]
    search_fields = ["txn_ref", "dossier__code", "transaction_no"]
    readonly_fields = [f.name for f in Payment._meta.fields]

    def has_add_permission(self, request: object) -> bool:
        return False

    def has_delete_permission(self, request: object, obj: object = None) -> bool:
        return False

// Which audit actions each mutation procedure writes (any one of them counts): the after-suite
// audit coverage check (check.ts) holds every successful call of the integration run to this.
// A mutation added to the appRouter needs its line here (expected-actions.test.ts fails without).
export const EXPECTED_AUDIT_ACTIONS: Record<string, readonly string[]> = {
  // Above the actor's limit a money action files an approval request instead (and moves nothing).
  "approvals.approve": ["approval.approve"],
  "approvals.reject": ["approval.reject"],
  // An upload is audited once, when its draft is made; its pieces and preview belong to it. Starting
  // writes the batch's row, and each credit its own.
  "bulkCredits.createDraft": ["credit.bulk_upload"],
  "bulkCredits.addRows": ["credit.bulk_upload"],
  "bulkCredits.finishUpload": ["credit.bulk_upload"],
  "bulkCredits.start": ["credit.bulk_start", "approval.request"],
  "bulkCredits.cancel": ["credit.bulk_cancel"],
  "credits.issue": ["credit.issue", "approval.request"],
  "credits.send": ["credit.send", "approval.request"],
  "credits.update": ["credit.update", "approval.request"],
  "credits.void": ["credit.void"],
  "credits.setBalance": ["credit.set_balance", "approval.request"],
  "refunds.create": ["refund.create", "approval.request"],
  "limits.set": ["limit.set"],
  "limits.clear": ["limit.clear"],
  "roles.create": ["role.create"],
  "roles.update": ["role.update"],
  "roles.delete": ["role.delete"],
  "settings.categories.create": ["settings.category.create"],
  "settings.categories.rename": ["settings.category.rename"],
  "settings.categories.setActive": ["settings.category.activate", "settings.category.deactivate"],
  "settings.reasons.create": ["settings.reason.create"],
  "settings.reasons.rename": ["settings.reason.rename"],
  "settings.reasons.setActive": ["settings.reason.activate", "settings.reason.deactivate"],
  "settings.infrastructures.create": ["settings.infrastructure.create"],
  "settings.infrastructures.rename": ["settings.infrastructure.rename"],
  "settings.infrastructures.setActive": ["settings.infrastructure.activate", "settings.infrastructure.deactivate"],
  "settings.methods.create": ["settings.method.create"],
  "settings.methods.rename": ["settings.method.rename"],
  "settings.methods.setActive": ["settings.method.activate", "settings.method.deactivate"],
  "settings.currencies.add": ["settings.currency.add"],
  "settings.currencies.setEnabled": ["settings.currency.enable", "settings.currency.disable"],
  "settings.setDateStyle": ["settings.date_style.change"],
  "staff.create": ["staff.create"],
  "staff.resetPassword": ["staff.reset_password"],
  // Public: the member whose link it is writes the row (no session records no caller).
  "staff.setPassword": ["staff.set_password"],
  "staff.changeRole": ["staff.change_role"],
  "staff.deactivate": ["staff.deactivate"],
  "staff.reactivate": ["staff.reactivate"],
};

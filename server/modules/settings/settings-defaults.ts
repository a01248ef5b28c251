// The reference data the store_credits migration inserts, by the fixed ids it uses. Seeds and
// tests refer to these; admins may rename or deactivate them later, so app code looks records up
// by id (or category key), never by name.
export const DEFAULT_CATEGORY_IDS = {
  goodwill: "01900000-0000-7000-8000-000000000101",
  refund: "01900000-0000-7000-8000-000000000102",
  loyaltyReward: "01900000-0000-7000-8000-000000000103",
  manualCorrection: "01900000-0000-7000-8000-000000000104",
  promotion: "01900000-0000-7000-8000-000000000105",
} as const;

export const DEFAULT_REASON_IDS = {
  serviceGesture: "01900000-0000-7000-8000-000000000201",
  enteredInError: "01900000-0000-7000-8000-000000000202",
  orderProblem: "01900000-0000-7000-8000-000000000203",
  duplicateCredit: "01900000-0000-7000-8000-000000000204",
  suspectedFraud: "01900000-0000-7000-8000-000000000205",
  reconciliation: "01900000-0000-7000-8000-000000000206",
  other: "01900000-0000-7000-8000-000000000207",
} as const;

export const DEFAULT_INFRASTRUCTURE_IDS = {
  manual: "01900000-0000-7000-8000-000000000301",
  bankTransfer: "01900000-0000-7000-8000-000000000302",
  paymentGateway: "01900000-0000-7000-8000-000000000303",
  cash: "01900000-0000-7000-8000-000000000304",
} as const;

export const DEFAULT_METHOD_IDS = {
  adminEntry: "01900000-0000-7000-8000-000000000401",
  manualOther: "01900000-0000-7000-8000-000000000402",
  wireTransfer: "01900000-0000-7000-8000-000000000403",
  sepaTransfer: "01900000-0000-7000-8000-000000000404",
  ach: "01900000-0000-7000-8000-000000000405",
  card: "01900000-0000-7000-8000-000000000406",
  paypal: "01900000-0000-7000-8000-000000000407",
  inStore: "01900000-0000-7000-8000-000000000408",
  cashOnDelivery: "01900000-0000-7000-8000-000000000409",
} as const;

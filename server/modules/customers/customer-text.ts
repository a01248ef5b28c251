// Normalised forms kept beside each customer so search can use plain indexes: accents folded,
// lower case, single spaces; phone numbers as digits only.

export function foldText(text: string): string {
  return text.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase().replace(/\s+/g, " ").trim();
}

/** "first last", what a name search matches against. */
export const searchNameOf = (firstName: string, lastName: string) => foldText(`${firstName} ${lastName}`);

/** "last first", the order the Name column sorts by. */
export const sortNameOf = (firstName: string, lastName: string) => foldText(`${lastName} ${firstName}`);

export function phoneDigitsOf(phone: string | null | undefined): string | null {
  const digits = phone?.replace(/\D/g, "") ?? "";
  return digits.length > 0 ? digits : null;
}

export const normaliseEmail = (email: string) => email.trim().toLowerCase();

/** The derived columns a customer row must carry; used wherever customers are written. */
export function customerSearchColumns(c: { firstName: string; lastName: string; phone: string | null }) {
  return {
    searchName: searchNameOf(c.firstName, c.lastName),
    sortName: sortNameOf(c.firstName, c.lastName),
    phoneDigits: phoneDigitsOf(c.phone),
  };
}

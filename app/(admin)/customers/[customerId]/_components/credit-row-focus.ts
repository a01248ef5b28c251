/** The data-focus-id of a credit's row in the Store credits table, so a dialog can focus the credit it added. */
export const creditRowFocusId = (creditId: string) => `credit-${creditId}`;

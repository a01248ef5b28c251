/** The id of the admin shell's <main>: the skip link's target, and where focus goes when its place is gone. */
export const MAIN_CONTENT_ID = "main-content";

// How much command history a terminal keeps (bash's HISTSIZE default); shared by the shells and the
// store, which keeps one history for every tab and the saved session.

/** Lines of history kept. */
export const maxHistory = 500;

// A request a debugger cannot carry out (a terminal command, a Watch entry
// on the page): its message is the whole answer. Beside the expression
// reader that throws it, so that both debuggers catch the same type.
export class DebugError extends Error {}

// A command the debugger cannot carry out: its message is the whole answer.
export class DebugError extends Error {}

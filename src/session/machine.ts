/**
 * Transition tables, in the style of h11: every state a session can be in,
 * and every input it accepts in that state, are declared once as a `const`
 * table; a session changes state only by looking its input up there. An
 * input the table does not list for the current state is a protocol
 * violation, never a silent change.
 * @module
 */

/**
 * A state machine as data: for each state, the inputs it accepts and the
 * state each one leads to. Inputs a state does not list are not allowed in it.
 */
export type TransitionTable<S extends string, I extends string> = {
  readonly [K in S]: { readonly [J in I]?: S };
};

/**
 * The state `input` leads to from `state`, or undefined when the table does
 * not allow that input there.
 *
 * @example
 * ```ts
 * import { transition, type TransitionTable } from "dhcp-leasequery";
 * const door = { shut: { open: "open" }, open: { shut: "shut" } } as const satisfies TransitionTable<"shut" | "open", "open" | "shut">;
 * console.log(transition(door, "shut", "open"), transition(door, "open", "open")); // "open" undefined
 * ```
 * @throws never
 */
export function transition<S extends string, I extends string>(
  table: TransitionTable<S, I>,
  state: S,
  input: I,
): S | undefined {
  return table[state][input];
}

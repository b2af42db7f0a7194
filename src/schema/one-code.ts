/**
 * A type-level check that an option-code argument is one literal code.
 * @module
 */

/** `true` when `T` is a union of two or more types. */
type IsUnion<T, U = T> = T extends unknown ? ([U] extends [T] ? false : true) : never;

/**
 * `C` when it is a single code, `never` when it is a union of codes: a type
 * guard on a union could not exclude every member in its false branch.
 * @internal
 */
export type OneCode<C> = [IsUnion<C>] extends [false] ? C : never;

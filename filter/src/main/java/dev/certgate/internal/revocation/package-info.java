/**
 * Helpers shared by the built-in checkers. Public only because Java packages need it:
 * not an API, may change without notice.
 */
package dev.certgate.internal.revocation;

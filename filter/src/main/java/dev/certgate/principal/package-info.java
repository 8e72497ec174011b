/**
 * The verified client certificate as the application's user: opt-in mapping of a certificate to a
 * {@link java.security.Principal} (subject CN, a SAN, the fingerprint or the subject DN) and roles
 * from rule expressions, handed to the application through an
 * {@link jakarta.servlet.http.HttpServletRequestWrapper}. See docs/principal.md.
 */
package dev.certgate.principal;

/**
 * Settings: the catalogue of every {@code certgate.*} key ({@link dev.certgate.internal.settings.Keys}) and the
 * one reader of their values ({@link dev.certgate.internal.settings.SettingReader}). Depends on nothing else of
 * certgate, so the configuration layer, the servlet layer, the CLI and the revocation checkers all
 * read settings the same way.
 */
package dev.certgate.internal.settings;

package org.sipwitch.mbeans;

/**
 * One registered contact (binding) of a user, as {@code registry} shows it.
 *
 * @param user      the user id the binding belongs to
 * @param extension numeric extension, or empty when the user has none
 * @param display   display name, or empty
 * @param type      kind of registration: {@code user}, {@code device}, {@code static}, {@code gateway}...
 * @param contact   the contact address (SIP URI) calls and messages are sent to
 * @param transport {@code udp}, {@code tcp} or {@code tls}
 * @param expires   seconds until the binding expires; {@code -1} for static bindings that never do
 */
public record Registration(String user, String extension, String display, String type,
                           String contact, String transport, long expires) {
}

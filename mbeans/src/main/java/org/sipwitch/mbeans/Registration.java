package org.sipwitch.mbeans;

/**
 * One registered contact (binding) of a user, as {@code registry} shows it.
 *
 * @param user      the user id the binding belongs to
 * @param extension numeric extension, or empty when the user has none
 * @param display   display name, or empty
 * @param type      kind of registration: {@code user}, {@code device}, {@code static}, {@code gateway}...
 * @param contact   the contact address (SIP URI) calls and messages are sent to
 * @param transport {@code udp}, {@code tcp}, {@code tls}, {@code ws} or {@code wss}
 * @param expires   seconds until the binding expires; {@code -1} for static bindings that never do
 * @param state     {@code registered} for a phone; for a gateway {@code registered}, {@code registering},
 *                  {@code failed} or {@code static} (it does not register)
 * @param error     why a gateway's last registration failed ({@code 408 no response from …}), else empty
 * @param node      the cluster node that holds the phone (its REGISTER came there); empty without {@code <cluster>}
 * @param reachable false while that node is down: calls to this contact fail ({@code 480}) until it registers again
 */
public record Registration(String user, String extension, String display, String type,
                           String contact, String transport, long expires, String state, String error,
                           String node, boolean reachable) {

    /** A phone's binding on a server alone (no cluster): registered, no error. */
    public Registration(String user, String extension, String display, String type, String contact, String transport,
                        long expires) {
        this(user, extension, display, type, contact, transport, expires, "registered", "", "", true);
    }

    /** A gateway's registration with its provider: its state and last error; held by this node. */
    public Registration(String user, String extension, String display, String type, String contact, String transport,
                        long expires, String state, String error) {
        this(user, extension, display, type, contact, transport, expires, state, error, "", true);
    }
}

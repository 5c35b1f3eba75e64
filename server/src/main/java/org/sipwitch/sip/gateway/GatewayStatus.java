package org.sipwitch.sip.gateway;

/**
 * Where a gateway's registration stands, as {@code registry} shows it.
 *
 * @param state           {@code static} (no {@code <register>}), {@code registering}, {@code registered} or {@code failed}
 * @param lastError       why the last attempt failed ({@code 408 no response from 127.0.0.1:5070}), empty when none
 * @param expiresAtMillis when the provider's binding lapses, 0 when not registered
 */
public record GatewayStatus(String state, String lastError, long expiresAtMillis) {
    public static final String STATIC = "static";
    public static final String REGISTERING = "registering";
    public static final String REGISTERED = "registered";
    public static final String FAILED = "failed";

    public boolean isUp() {
        return state.equals(REGISTERED) || state.equals(STATIC);
    }
}

package org.sipwitch.sip.registrar;

import java.util.Objects;

/**
 * A provisioned user as the registrar needs it.
 *
 * @param id        the canonical user id
 * @param extension the numeric extension, or null
 * @param display   the display name, or null
 */
public record UserIdentity(String id, String extension, String display) {
    public UserIdentity {
        Objects.requireNonNull(id, "id");
    }
}

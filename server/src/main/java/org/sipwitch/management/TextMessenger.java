package org.sipwitch.management;

/**
 * Sends a SIP MESSAGE from the {@code system} identity (the {@code message} verb); wired
 * through {@link ManagementHooks#messenger(TextMessenger)}.
 */
@FunctionalInterface
public interface TextMessenger {

    /**
     * @return to how many contacts of {@code extension} it was sent
     * @throws IllegalArgumentException when the extension is unknown or not registered
     */
    int send(String extension, String text);

    TextMessenger ABSENT = (extension, text) -> {
        throw Unavailable.of("messaging");
    };
}

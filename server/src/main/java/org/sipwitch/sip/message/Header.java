package org.sipwitch.sip.message;

/** One header line as it stands in a message: canonical name and the raw value. */
public record Header(String name, String value) {
}

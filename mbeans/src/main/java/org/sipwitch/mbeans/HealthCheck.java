package org.sipwitch.mbeans;

/**
 * One finding of {@code check}.
 *
 * @param subject what was checked: {@code deadlocks}, {@code event-loops}, {@code listener udp/5060}...
 * @param ok      true when it is fine
 * @param detail  one line saying what was found
 */
public record HealthCheck(String subject, boolean ok, String detail) {
}

package org.sipwitch.mbeans;

/**
 * One entry of an access policy list ({@code policy}).
 *
 * @param list    the list: {@code trusted}, {@code restricted}, ...
 * @param network a CIDR network, e.g. {@code 192.168.0.0/16}
 */
public record PolicyEntry(String list, String network) {
}

package org.sipwitch.mbeans;

import java.util.List;

/**
 * The access policy and the peering (published) address ({@code policy}).
 *
 * @param published the address published to peers, {@code host:port}
 * @param entries   every policy list entry
 */
public record PolicyReport(String published, List<PolicyEntry> entries) {
}

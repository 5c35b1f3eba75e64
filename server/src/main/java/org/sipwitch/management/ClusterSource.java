package org.sipwitch.management;

import java.util.List;
import org.sipwitch.mbeans.ClusterNode;

/** The cluster this node belongs to, as management shows it ({@code cluster}, {@code check}, {@code policy}). */
public interface ClusterSource {

    /** This node's name; empty when not in a cluster. */
    String node();

    /** The store without credentials. */
    String store();

    /** {@code off}, {@code connecting}, {@code up} or {@code down}. */
    String state();

    String lastError();

    long lastContact();

    int pendingWrites();

    List<ClusterNode> nodes();

    /** A server alone. */
    ClusterSource ABSENT = new ClusterSource() {
        @Override
        public String node() {
            return "";
        }

        @Override
        public String store() {
            return "";
        }

        @Override
        public String state() {
            return "off";
        }

        @Override
        public String lastError() {
            return "";
        }

        @Override
        public long lastContact() {
            return 0;
        }

        @Override
        public int pendingWrites() {
            return 0;
        }

        @Override
        public List<ClusterNode> nodes() {
            return List.of();
        }
    };
}

package org.sipwitch.control;

import java.util.List;
import javax.management.MBeanServerConnection;

/** What a verb does, through the MBeanServer only. Exceptions become failure replies. */
@FunctionalInterface
public interface Action {
    Reply perform(MBeanServerConnection server, List<String> args) throws Exception;
}

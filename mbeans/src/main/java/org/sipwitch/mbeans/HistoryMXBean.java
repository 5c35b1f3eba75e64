package org.sipwitch.mbeans;

import javax.management.MBeanOperationInfo;

/** {@code sipwitch:type=History}: recent warnings and errors. Verb: history. */
@Description("Ring of recent warning and error log lines")
public interface HistoryMXBean {

    @Impact(MBeanOperationInfo.ACTION_INFO)
    @Description("Return the history ring; a size greater than 0 first resizes it (verb: history)")
    HistoryInfo history(@Name("size") @Description("new ring size, or 0 to keep it") int size);
}

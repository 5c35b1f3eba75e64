package org.sipwitch.mbeans;

import java.util.List;
import javax.management.MBeanOperationInfo;

/**
 * {@code sipwitch:type=History}: recent warnings and errors (verb: history), and the
 * recent call detail records; emits a {@code sipwitch.cdr} notification per record.
 */
@Description("Ring of recent warning and error log lines, and recent call detail records")
public interface HistoryMXBean {

    @Impact(MBeanOperationInfo.ACTION_INFO)
    @Description("Return the history ring; a size greater than 0 first resizes it (verb: history)")
    HistoryInfo history(@Name("size") @Description("new ring size, or 0 to keep it") int size);

    @Description("The most recent call detail records, oldest first (as many as <cdr><recent> says)")
    List<CallRecord> getCdr();
}

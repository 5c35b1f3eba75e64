package org.sipwitch.mbeans;

import javax.management.MBeanOperationInfo;

/** {@code sipwitch:type=Config}: configuration. Verbs: dump, enable, disable, grant. */
@Description("Effective configuration and sipwitch.d drop-ins")
public interface ConfigMXBean {

    @Description("The effective configuration as XML, secrets masked (verb: dump)")
    String getEffectiveConfig();

    /** @throws IllegalArgumentException for an unknown conf-id */
    @Impact(MBeanOperationInfo.ACTION)
    @Description("Enable the drop-in sipwitch.d/<confId>.xml and reload (verb: enable)")
    void enable(@Name("confId") @Description("drop-in id: file name without .xml") String confId);

    /** @throws IllegalArgumentException for an unknown conf-id */
    @Impact(MBeanOperationInfo.ACTION)
    @Description("Disable the drop-in sipwitch.d/<confId>.xml and reload (verb: disable)")
    void disable(@Name("confId") @Description("drop-in id: file name without .xml") String confId);

    @Impact(MBeanOperationInfo.ACTION)
    @Description("Give a system group access to the control and state directories (verb: grant)")
    void grant(@Name("group") @Description("system group name") String group);
}

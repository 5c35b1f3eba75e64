package org.sipwitch.management;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanInfo;
import javax.management.MBeanOperationInfo;
import javax.management.MBeanParameterInfo;
import javax.management.MBeanServer;
import javax.management.MBeanServerFactory;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sipwitch.mbeans.ObjectNames;

class ManagementComponentTest {

    @TempDir
    Path dir;

    @Test
    void registersAllTenDescribedMBeansAndRemovesThemAtStop() throws Exception {
        MBeanServer mbs = MBeanServerFactory.newMBeanServer();
        ManagementComponent management = new ManagementComponent(Fixtures.context(dir, s -> { }), mbs);
        management.start();
        try {
            for (ObjectName name : ObjectNames.ALL) {
                assertThat(mbs.isRegistered(name)).as(name.toString()).isTrue();
                MBeanInfo info = mbs.getMBeanInfo(name);
                assertThat(info.getDescription()).as(name + " description").isNotBlank();
                for (MBeanAttributeInfo a : info.getAttributes()) {
                    assertThat(a.getDescription()).as(name + " attribute " + a.getName()).isNotBlank()
                            .isNotEqualTo(a.getName());
                }
                for (MBeanOperationInfo op : info.getOperations()) {
                    assertThat(op.getDescription()).as(name + " operation " + op.getName()).isNotBlank()
                            .isNotEqualTo(op.getName());
                    for (MBeanParameterInfo p : op.getSignature()) {
                        assertThat(p.getName()).as(name + "." + op.getName() + " parameter").doesNotMatch("p\\d+");
                        assertThat(p.getDescription()).as(name + "." + op.getName() + "(" + p.getName() + ")")
                                .isNotBlank();
                    }
                }
            }
            assertThat(mbs.getMBeanInfo(ObjectNames.SERVER).getNotifications()).isNotEmpty();
            assertThat(dir.resolve("run/control")).exists();
            assertThat(mbs.getAttribute(ObjectNames.SERVER, "State")).isEqualTo("up");
        } finally {
            management.stop();
        }
        for (ObjectName name : ObjectNames.ALL) {
            assertThat(mbs.isRegistered(name)).isFalse();
        }
        assertThat(dir.resolve("run/control")).doesNotExist();
    }
}

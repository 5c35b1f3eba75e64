package org.sipwitch.mbeans;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.HashSet;
import java.util.Set;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanInfo;
import javax.management.MBeanOperationInfo;
import javax.management.MBeanParameterInfo;
import org.junit.jupiter.api.Test;

/** Every MBean, attribute, operation and parameter has human text and a real name. */
class DescriptionsTest {

    @Test
    void everyMemberIsDescribedWithRealParameterNames() {
        for (var name : ObjectNames.ALL) {
            Class<?> type = ObjectNames.interfaceOf(name);
            MBeanInfo info = describe(type);
            assertThat(info.getDescription()).as(type.getSimpleName()).isNotBlank()
                    .isNotEqualTo("Information on the management interface of the MBean");
            assertThat(info.getAttributes().length + info.getOperations().length).isPositive();
            for (MBeanAttributeInfo a : info.getAttributes()) {
                assertThat(a.getDescription()).as(type.getSimpleName() + "." + a.getName())
                        .isNotBlank().isNotEqualTo(a.getName());
            }
            for (MBeanOperationInfo op : info.getOperations()) {
                assertThat(op.getDescription()).as(type.getSimpleName() + "." + op.getName())
                        .isNotBlank().isNotEqualTo(op.getName());
                assertThat(op.getImpact()).as("@Impact of " + type.getSimpleName() + "." + op.getName())
                        .isIn(MBeanOperationInfo.INFO, MBeanOperationInfo.ACTION, MBeanOperationInfo.ACTION_INFO);
                for (MBeanParameterInfo p : op.getSignature()) {
                    String where = type.getSimpleName() + "." + op.getName() + "(" + p.getName() + ")";
                    assertThat(p.getName()).as(where).doesNotMatch("p\\d+|arg\\d+");
                    assertThat(p.getDescription()).as(where).isNotBlank().isNotEqualTo(p.getName());
                }
            }
        }
    }

    @Test
    void operationsAreNotOverloadedAndTakeOnlyStringsAndPrimitives() {
        for (var name : ObjectNames.ALL) {
            Class<?> type = ObjectNames.interfaceOf(name);
            Set<String> seen = new HashSet<>();
            for (Method m : type.getMethods()) {
                assertThat(seen.add(m.getName())).as("overloaded: " + type.getSimpleName() + "." + m.getName()).isTrue();
                for (Class<?> p : m.getParameterTypes()) {
                    assertThat(p.isPrimitive() || p == String.class).as(m.toString()).isTrue();
                }
                assertThat(java.util.Map.class.isAssignableFrom(m.getReturnType())).as(m.toString()).isFalse();
            }
        }
    }

    @Test
    void impactsSayWhatAConsoleMayRunWithoutAsking() {
        MBeanInfo server = describe(ServerMXBean.class);
        assertThat(impact(server, "check")).isEqualTo(MBeanOperationInfo.INFO);
        assertThat(impact(server, "eventsSince")).isEqualTo(MBeanOperationInfo.INFO);
        assertThat(impact(server, "down")).isEqualTo(MBeanOperationInfo.ACTION);
        assertThat(impact(server, "abort")).isEqualTo(MBeanOperationInfo.ACTION);
        assertThat(impact(server, "snapshot")).isEqualTo(MBeanOperationInfo.ACTION_INFO);
        assertThat(impact(describe(CallsMXBean.class), "drop")).isEqualTo(MBeanOperationInfo.ACTION);
    }

    private static int impact(MBeanInfo info, String operation) {
        for (MBeanOperationInfo op : info.getOperations()) {
            if (op.getName().equals(operation)) {
                return op.getImpact();
            }
        }
        throw new AssertionError("no operation " + operation);
    }

    @Test
    void notificationsAreDeclaredByEmitters() {
        var bean = new DescribedMXBean<>(ServerMXBean.class, stub(ServerMXBean.class), SipwitchNotifications.info());
        assertThat(bean.getNotificationInfo()[0].getNotifTypes())
                .containsExactlyElementsOf(SipwitchNotifications.TYPES);
    }

    private static <T> MBeanInfo describe(Class<T> type) {
        return new DescribedMXBean<>(type, stub(type)).getMBeanInfo();
    }

    @SuppressWarnings("unchecked")
    private static <T> T stub(Class<T> type) {
        // only the MBeanInfo is looked at: the implementation is never called
        return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (p, m, a) -> null);
    }
}

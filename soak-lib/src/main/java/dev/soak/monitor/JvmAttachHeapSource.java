package dev.soak.monitor;

import com.sun.tools.attach.VirtualMachine;
import dev.soak.checkpoint.HeapProfile;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import javax.management.MBeanServerConnection;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * Heap used and heap after GC of another JVM on this host, read over JMX.
 *
 * <p>How: the JDK attach API ({@code jdk.attach}, in every JDK 17) attaches to the pid, asks it to
 * start its local management agent ({@link VirtualMachine#startLocalManagementAgent()}) and returns
 * the agent's local JMX address; the source connects once and then reads the remote
 * {@link MemoryPoolMXBean}s' {@code CollectionUsage} (heap after the last collection of each heap
 * pool) on every {@link #capture()}. Chosen over {@code jcmd <pid> GC.heap_info}, which prints only
 * the heap in use now (not after GC) and costs a process start per sample. Needs the same user as
 * the target and a target not started with {@code -XX:+DisableAttachMechanism}; a JVM cannot attach
 * to itself (use {@link HeapProfileSource#inProcess()}). A failed connection is retried on the next
 * capture; meanwhile fields are NaN with source {@code none}.
 *
 * <p>Thread-safe: {@link #capture()} and {@link #close()} are synchronized.
 */
public final class JvmAttachHeapSource implements HeapProfileSource {

    private final long pid;
    private JMXConnector connector;
    private MBeanServerConnection connection;
    private String lastError = "";

    /** A source for the JVM with this pid; connects lazily on the first capture. */
    public JvmAttachHeapSource(long pid) {
        if (pid == ProcessHandle.current().pid()) {
            throw new IllegalArgumentException("pid = " + pid + " is this JVM, which cannot attach to itself; "
                    + "use HeapProfileSource.inProcess()");
        }
        this.pid = pid;
    }

    @Override
    public synchronized HeapProfile capture() {
        try {
            if (connection == null) {
                connect();
            }
            return HeapProfiles.fromPools(
                    ManagementFactory.getPlatformMXBeans(connection, MemoryPoolMXBean.class),
                    ManagementFactory.getPlatformMXBeans(connection, com.sun.management.GarbageCollectorMXBean.class),
                    "jmx");
        } catch (IOException | RuntimeException e) {
            lastError = e.toString();
            close();
            return HeapProfile.none();
        }
    }

    /** Why the last capture failed, or an empty string. */
    public synchronized String lastError() {
        return lastError;
    }

    private void connect() throws IOException {
        VirtualMachine vm;
        try {
            vm = VirtualMachine.attach(Long.toString(pid));
        } catch (com.sun.tools.attach.AttachNotSupportedException e) {
            throw new IOException("cannot attach to JVM pid " + pid + ": " + e.getMessage(), e);
        }
        String address;
        try {
            address = vm.startLocalManagementAgent();
        } finally {
            vm.detach();
        }
        connector = JMXConnectorFactory.connect(new JMXServiceURL(address));
        connection = connector.getMBeanServerConnection();
    }

    @Override
    public synchronized void close() {
        if (connector != null) {
            try {
                connector.close();
            } catch (IOException ignored) {
                // already gone
            }
        }
        connector = null;
        connection = null;
    }
}
